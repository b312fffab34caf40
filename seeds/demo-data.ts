/**
 * The demo network: the five centers of PRODUCT.md, their resources, Uzbekistan's fixed-date
 * public holidays and one demo user of every role. DEMO ONLY: the password below is public.
 */
import type { ResourceKind } from '../src/resources/resource.entity';
import type { Role } from '../src/identity/user.entity';

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

/** Fixed-date public holidays of Uzbekistan, closed every year. */
export const DEMO_HOLIDAYS: Array<{ monthDay: string; reason: string }> = [
  { monthDay: '01-01', reason: 'New Year' },
  { monthDay: '03-08', reason: 'International Women’s Day' },
  { monthDay: '03-21', reason: 'Navruz' },
  { monthDay: '05-09', reason: 'Day of Remembrance and Honour' },
  { monthDay: '09-01', reason: 'Independence Day' },
  { monthDay: '10-01', reason: 'Teachers’ and Mentors’ Day' },
  { monthDay: '12-08', reason: 'Constitution Day' },
];

export const DEMO_ORGANIZATIONS = ['Yuksalish Nationwide Movement', 'Volunteers of Uzbekistan'];

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** Slugs of the centers a coordinator runs; for members and trainers, their home centers. */
  centers?: string[];
  organization?: string;
}

export const DEMO_USERS: DemoUser[] = [
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
    email: 'member@makon.example',
    name: 'Demo Activist',
    role: 'member',
    centers: ['tashkent'],
    organization: 'Volunteers of Uzbekistan',
  },
];
