/**
 * The demo network: the five centers of PRODUCT.md, their resources, Uzbekistan's fixed-date
 * public holidays, one demo user of every role, the members and a second trainer who fill the
 * demo's activity (seeds/demo-activity.ts), and the weekly seminars they run. DEMO ONLY: the
 * password below is public, and the people are invented.
 */
import type { Purpose } from '../src/bookings/booking.entity';
import type { ClosureNames } from '../src/centers/closure.entity';
import type { Locale, Role } from '../src/identity/user.entity';
import type { ResourceKind } from '../src/resources/resource.entity';
import type { Weekday } from '../src/scheduling/types';

export const DEMO_PASSWORD = 'makon-demo-2026';

export interface DemoResource {
  kind: ResourceKind;
  name: string;
  capacity?: number;
  quantity?: number;
  features?: string[];
  requiresApproval?: boolean;
  bufferMinutes?: number;
}

export interface DemoCenter {
  slug: string;
  name: string;
  city: string;
  region: string;
  address: string;
  resources: DemoResource[];
}

const desks = (count: number, features: string[] = []): DemoResource[] =>
  Array.from({ length: count }, (_, i) => ({ kind: 'desk', name: `Desk ${i + 1}`, features }));

const computers = (count: number): DemoResource[] =>
  Array.from({ length: count }, (_, i) => ({
    kind: 'computer',
    name: `Computer ${i + 1}`,
    features: ['internet'],
  }));

const equipment = (laptops: number): DemoResource[] => [
  { kind: 'equipment', name: 'Projector', quantity: 1, features: ['projector'] },
  { kind: 'equipment', name: 'Laptops', quantity: laptops, features: ['laptop'] },
  { kind: 'equipment', name: 'Printer', quantity: 1, features: ['printer'] },
];

export const DEMO_CENTERS: DemoCenter[] = [
  {
    slug: 'urgench',
    name: 'Hamdard Center for Social, Medical and Legal Support',
    city: 'Urgench',
    region: 'Khorezm',
    address: 'House of Friendship and NGOs, Urgench',
    resources: [
      ...desks(6),
      ...computers(4),
      {
        kind: 'room',
        name: 'Seminar room',
        capacity: 25,
        features: ['projector_screen'],
        bufferMinutes: 15,
      },
      ...equipment(10),
    ],
  },
  {
    slug: 'navoi',
    name: 'Tumaris Women’s and Youth Center',
    city: 'Navoi',
    region: 'Navoi',
    address: 'House of Friendship and NGOs, Navoi',
    resources: [
      ...desks(5),
      ...computers(6),
      { kind: 'room', name: 'Training room', capacity: 20, features: ['projector_screen'] },
      ...equipment(8),
    ],
  },
  {
    slug: 'tashkent',
    name: 'Nihol Initiative Support Development Center',
    city: 'Tashkent',
    region: 'Tashkent',
    address: 'Tashkent',
    resources: [
      ...desks(8),
      ...computers(5),
      { kind: 'room', name: 'Training hall', capacity: 30, features: ['projector_screen'] },
      {
        kind: 'room',
        name: 'Consultation room',
        capacity: 4,
        features: ['private'],
        requiresApproval: true,
      },
      ...equipment(12),
    ],
  },
  {
    slug: 'ferghana',
    name: 'Taraqqiyot Center for Support and Development of the Population',
    city: 'Ferghana',
    region: 'Ferghana',
    address: 'Ferghana',
    resources: [
      ...desks(6),
      ...computers(4),
      { kind: 'room', name: 'Training room', capacity: 24, features: ['projector_screen'] },
      ...equipment(10),
    ],
  },
  {
    slug: 'kokand',
    name: 'Ezgu Niyat (Successful Space)',
    city: 'Kokand',
    region: 'Ferghana',
    address: 'Kokand',
    resources: [
      ...desks(4),
      {
        kind: 'desk',
        name: 'Accessible desk',
        features: ['wheelchair_accessible', 'height_adjustable'],
      },
      ...computers(3),
      { kind: 'computer', name: 'Screen-reader computer', features: ['internet', 'screen_reader'] },
      {
        kind: 'room',
        name: 'Accessible training room',
        capacity: 18,
        features: ['wheelchair_accessible', 'hearing_loop'],
        requiresApproval: true,
      },
      ...equipment(6),
    ],
  },
];

/**
 * Fixed-date public holidays of Uzbekistan, closed every year: `reason` is what the API answers,
 * `names` what pages show in each language.
 */
export const DEMO_HOLIDAYS: Array<{ monthDay: string; reason: string; names: ClosureNames }> = [
  {
    monthDay: '01-01',
    reason: 'New Year',
    names: { uz: 'Yangi yil', ru: 'Новый год', en: 'New Year' },
  },
  {
    monthDay: '03-08',
    reason: 'International Women’s Day',
    names: {
      uz: 'Xalqaro xotin-qizlar kuni',
      ru: 'Международный женский день',
      en: 'International Women’s Day',
    },
  },
  {
    monthDay: '03-21',
    reason: 'Navruz',
    names: { uz: 'Navroʻz bayrami', ru: 'Навруз', en: 'Navruz' },
  },
  {
    monthDay: '05-09',
    reason: 'Day of Remembrance and Honour',
    names: {
      uz: 'Xotira va qadrlash kuni',
      ru: 'День памяти и почестей',
      en: 'Day of Remembrance and Honour',
    },
  },
  {
    monthDay: '09-01',
    reason: 'Independence Day',
    names: { uz: 'Mustaqillik kuni', ru: 'День независимости', en: 'Independence Day' },
  },
  {
    monthDay: '10-01',
    reason: 'Teachers’ and Mentors’ Day',
    names: {
      uz: 'Oʻqituvchi va murabbiylar kuni',
      ru: 'День учителя и наставника',
      en: 'Teachers’ and Mentors’ Day',
    },
  },
  {
    monthDay: '12-08',
    reason: 'Constitution Day',
    names: { uz: 'Konstitutsiya kuni', ru: 'День Конституции', en: 'Constitution Day' },
  },
];

export const DEMO_ORGANIZATIONS = [
  'Yuksalish Nationwide Movement',
  'Volunteers of Uzbekistan',
  'Kelajak Youth Club',
  'Ochiq Qalb Disability Rights Group',
  'Orol Green Volunteers',
  'Hamkor Legal Clinic',
];

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** Slugs of the centers a coordinator runs; for members and trainers, their home centers. */
  centers?: string[];
  organization?: string;
  /** The account's language; `en` when not given. */
  locale?: Locale;
}

/** The demo logins the README lists: one of every role (and a coordinator per center). */
export const DEMO_LOGINS: DemoUser[] = [
  { email: 'admin@makon.example', name: 'Network Admin', role: 'admin' },
  ...DEMO_CENTERS.map((center) => ({
    email: `coordinator.${center.slug}@makon.example`,
    name: `${center.city} Coordinator`,
    role: 'coordinator' as const,
    centers: [center.slug],
  })),
  {
    email: 'trainer@makon.example',
    name: 'Demo Trainer',
    role: 'trainer',
    centers: ['tashkent'],
    organization: 'Yuksalish Nationwide Movement',
  },
  {
    email: 'trainer2@makon.example',
    name: 'Second Demo Trainer',
    role: 'trainer',
    centers: ['urgench', 'navoi', 'ferghana', 'kokand'],
    organization: 'Hamkor Legal Clinic',
  },
  {
    email: 'member@makon.example',
    name: 'Demo Activist',
    role: 'member',
    centers: ['tashkent'],
    organization: 'Volunteers of Uzbekistan',
  },
];

/** Invented activists (no real person), by home center: Tashkent has the most. */
const MEMBER_NAMES: Record<string, string[]> = {
  tashkent: [
    'Dilnoza Karimova',
    'Aziz Rakhimov',
    'Malika Yusupova',
    'Sardor Toshmatov',
    'Nodira Ismoilova',
    'Jasur Aliyev',
    'Gulnora Saidova',
    'Bekzod Nazarov',
    'Shahnoza Ergasheva',
    'Otabek Mirzayev',
    'Feruza Abdullayeva',
    'Rustam Qodirov',
  ],
  urgench: [
    'Zarina Hamidova',
    'Anvar Sobirov',
    'Madina Xolmatova',
    'Timur Usmonov',
    'Lola Rashidova',
  ],
  navoi: ['Sanjar Yuldashev', 'Nigora Tursunova', 'Akmal Jurayev', 'Kamola Sharipova'],
  ferghana: [
    'Ulugbek Hasanov',
    'Dildora Nematova',
    'Farrukh Ochilov',
    'Mohira Boboyeva',
    'Doniyor Salimov',
  ],
  kokand: ['Sevara Qosimova', 'Ilhom Rahmonov', 'Yulduz Fayzullayeva', 'Bobur Kamolov'],
};

/** More invented first names (women's, then men's), none of them above, and family names. */
const MORE_WOMEN = ['Umida', 'Zilola', 'Nargiza', 'Sabina', 'Gavhar', 'Durdona', 'Shoira', 'Iroda'];
const MORE_WOMEN_2 = ['Sitora', 'Marjona', 'Rayhona', 'Ozoda', 'Charos', 'Nilufar', 'Mavluda'];
const MORE_MEN = ['Sherzod', 'Javlon', 'Nodir', 'Alisher', 'Kamron', 'Dilshod', 'Laziz', 'Azamat'];
const MORE_MEN_2 = [
  'Komil',
  'Oybek',
  'Behruz',
  'Hasan',
  'Jamshid',
  'Murod',
  'Sanjarbek',
  'Ravshan',
];
const FAMILY_NAMES = [
  'Aminov',
  'Valiyev',
  'Ganiyev',
  'Davronov',
  'Ibragimov',
  'Mahmudov',
  'Rasulov',
];

/** How many more members each center has than MEMBER_NAMES lists (MORE_NAMES has 30). */
const MORE_MEMBERS: Record<string, number> = {
  tashkent: 10,
  urgench: 5,
  navoi: 5,
  ferghana: 5,
  kokand: 5,
};

/** Women and men in turn, each first name once: the emails stay unique. */
const MORE_NAMES = (() => {
  const women = [...MORE_WOMEN, ...MORE_WOMEN_2];
  const men = [...MORE_MEN, ...MORE_MEN_2];
  return Array.from({ length: 2 * Math.min(women.length, men.length) }, (_, n) => {
    const family = FAMILY_NAMES[n % FAMILY_NAMES.length];
    return n % 2 === 0 ? `${women[n / 2]} ${family}a` : `${men[(n - 1) / 2]} ${family}`;
  });
})();

const MEMBER_LOCALES: Locale[] = ['uz', 'uz', 'ru', 'uz', 'en', 'ru'];

/** The members who book desks, computers and rooms in the demo's activity. */
export const DEMO_MEMBERS: DemoUser[] = (() => {
  let next = 0;
  return Object.entries(MEMBER_NAMES).flatMap(([slug, listed]) => {
    const more = MORE_MEMBERS[slug] ?? 0;
    const names = [...listed, ...MORE_NAMES.slice(next, next + more)];
    next += more;
    return names.map((name, i) => ({
      email: `${name.toLowerCase().replace(' ', '.')}@makon.example`,
      name,
      role: 'member' as const,
      centers: [slug],
      // Every fifth has no organization; the others are spread over all of them.
      organization:
        i % 5 === 4 ? undefined : DEMO_ORGANIZATIONS[(i + slug.length) % DEMO_ORGANIZATIONS.length],
      locale: MEMBER_LOCALES[(i + slug.length) % MEMBER_LOCALES.length],
    }));
  });
})();

/** Every demo account: the logins and the members. All have the demo password. */
export const DEMO_USERS: DemoUser[] = [...DEMO_LOGINS, ...DEMO_MEMBERS];

/**
 * A weekly seminar or meeting in a room, with the equipment it borrows. Weeks count from the week
 * of the day the demo is seeded (0: this week; -8: eight weeks ago); the weekday and times are the
 * center's local ones. Sessions on closed days are the series' exception dates.
 */
export interface DemoSeries {
  center: string;
  room: string;
  weekday: Weekday;
  from: string;
  to: string;
  title: string;
  purpose: Purpose;
  /** The owner's email. */
  owner: string;
  attendees: number;
  equipment: Array<{ pool: string; quantity: number }>;
  firstWeek: number;
  count: number;
}

export const DEMO_SERIES: DemoSeries[] = [
  {
    center: 'tashkent',
    room: 'Training hall',
    weekday: 'tue',
    from: '14:00',
    to: '17:00',
    title: 'Civic budgeting for community groups',
    purpose: 'seminar',
    owner: 'trainer@makon.example',
    attendees: 22,
    equipment: [
      { pool: 'Projector', quantity: 1 },
      { pool: 'Laptops', quantity: 8 },
    ],
    firstWeek: -8,
    count: 11,
  },
  {
    center: 'tashkent',
    room: 'Training hall',
    weekday: 'thu',
    from: '10:00',
    to: '12:30',
    title: 'Digital security for activists',
    purpose: 'seminar',
    owner: 'trainer@makon.example',
    attendees: 16,
    equipment: [{ pool: 'Laptops', quantity: 10 }],
    firstWeek: -7,
    count: 10,
  },
  {
    center: 'tashkent',
    room: 'Training hall',
    weekday: 'sat',
    from: '10:00',
    to: '12:00',
    title: 'Volunteers’ weekly meeting',
    purpose: 'meeting',
    owner: 'dilnoza.karimova@makon.example',
    attendees: 12,
    equipment: [],
    firstWeek: -8,
    count: 10,
  },
  {
    center: 'tashkent',
    room: 'Consultation room',
    weekday: 'fri',
    from: '10:00',
    to: '12:00',
    title: 'Legal aid consultations',
    purpose: 'consultation',
    owner: 'trainer@makon.example',
    attendees: 3,
    equipment: [],
    firstWeek: -6,
    count: 9,
  },
  {
    center: 'tashkent',
    room: 'Training hall',
    weekday: 'wed',
    from: '15:00',
    to: '17:00',
    title: 'English for grant writing',
    purpose: 'seminar',
    owner: 'trainer@makon.example',
    attendees: 14,
    equipment: [{ pool: 'Projector', quantity: 1 }],
    firstWeek: 1,
    count: 8,
  },
  {
    center: 'urgench',
    room: 'Seminar room',
    weekday: 'mon',
    from: '10:00',
    to: '13:00',
    title: 'Women’s leadership school',
    purpose: 'seminar',
    owner: 'trainer2@makon.example',
    attendees: 20,
    equipment: [
      { pool: 'Projector', quantity: 1 },
      { pool: 'Laptops', quantity: 6 },
    ],
    firstWeek: -8,
    count: 11,
  },
  {
    center: 'urgench',
    room: 'Seminar room',
    weekday: 'thu',
    from: '15:00',
    to: '17:00',
    title: 'Health rights club',
    purpose: 'meeting',
    owner: 'zarina.hamidova@makon.example',
    attendees: 10,
    equipment: [],
    firstWeek: -6,
    count: 8,
  },
  {
    center: 'navoi',
    room: 'Training room',
    weekday: 'wed',
    from: '10:00',
    to: '12:00',
    title: 'Youth media lab',
    purpose: 'seminar',
    owner: 'trainer2@makon.example',
    attendees: 15,
    equipment: [
      { pool: 'Projector', quantity: 1 },
      { pool: 'Laptops', quantity: 6 },
    ],
    firstWeek: -8,
    count: 11,
  },
  {
    center: 'ferghana',
    room: 'Training room',
    weekday: 'tue',
    from: '10:00',
    to: '13:00',
    title: 'Social entrepreneurship course',
    purpose: 'seminar',
    owner: 'trainer2@makon.example',
    attendees: 18,
    equipment: [
      { pool: 'Projector', quantity: 1 },
      { pool: 'Laptops', quantity: 8 },
    ],
    firstWeek: -8,
    count: 11,
  },
  {
    center: 'ferghana',
    room: 'Training room',
    weekday: 'sat',
    from: '11:00',
    to: '13:00',
    title: 'Volunteer coordination meeting',
    purpose: 'meeting',
    owner: 'ulugbek.hasanov@makon.example',
    attendees: 10,
    equipment: [],
    firstWeek: -5,
    count: 7,
  },
  {
    center: 'kokand',
    room: 'Accessible training room',
    weekday: 'fri',
    from: '14:00',
    to: '16:00',
    title: 'Inclusive communities seminar',
    purpose: 'seminar',
    owner: 'trainer2@makon.example',
    attendees: 14,
    equipment: [
      { pool: 'Projector', quantity: 1 },
      { pool: 'Laptops', quantity: 4 },
    ],
    firstWeek: -8,
    count: 11,
  },
];

/**
 * How busy each center is, as the chance that a free stretch of a desk or computer gets booked:
 * Tashkent, the biggest, is the busiest.
 */
export const DEMO_BUSYNESS: Record<string, number> = {
  tashkent: 0.85,
  urgench: 0.5,
  ferghana: 0.45,
  navoi: 0.4,
  kokand: 0.38,
};
