/**
 * The data sets of the benchmark: networks of centers of three shapes, and how much history each
 * size holds. Every size has the same density per resource near "now"; what grows is the number of
 * centers and, above all, the length of the history, which is what must not slow a booking down.
 */
import type { ResourceKind } from '../src/resources/resource.entity';

export interface ResourceSpec {
  kind: ResourceKind;
  name: string;
  capacity?: number;
  quantity?: number;
  features?: string[];
  requiresApproval?: boolean;
  bufferMinutes?: number;
}

export interface CenterShape {
  label: string;
  resources: ResourceSpec[];
}

export interface DataSetSpec {
  name: 'small' | 'medium' | 'large';
  /** Column heading in the table. */
  label: string;
  /** Allocations to generate (about; whole bookings are written, so a few more). */
  targetAllocations: number;
  centers: CenterShape[];
}

const numbered = (count: number, spec: (i: number) => ResourceSpec): ResourceSpec[] =>
  Array.from({ length: count }, (_, i) => spec(i + 1));

const desks = (count: number): ResourceSpec[] =>
  numbered(count, (i) => ({
    kind: 'desk',
    name: `Desk ${i}`,
    features: i % 5 === 0 ? ['wheelchair_accessible'] : [],
  }));

const computers = (count: number): ResourceSpec[] =>
  numbered(count, (i) => ({
    kind: 'computer',
    name: `Computer ${i}`,
    features: i % 4 === 0 ? ['internet', 'screen_reader'] : ['internet'],
  }));

const seminarRoom = (name: string, capacity: number, requiresApproval = false): ResourceSpec => ({
  kind: 'room',
  name,
  capacity,
  features: ['projector_screen', 'wheelchair_accessible'],
  bufferMinutes: 15,
  requiresApproval,
});

const meetingRoom = (name: string, capacity: number): ResourceSpec => ({
  kind: 'room',
  name,
  capacity,
  features: ['whiteboard'],
});

const pool = (name: string, quantity: number, feature: string): ResourceSpec => ({
  kind: 'equipment',
  name,
  quantity,
  features: [feature],
});

/** A hub: about 100,000 sessions a year on its own (the one-year report's center). */
const HUB: CenterShape = {
  label: 'hub',
  resources: [
    ...desks(70),
    ...computers(40),
    seminarRoom('Conference hall', 60, true),
    seminarRoom('Seminar room A', 30),
    ...numbered(3, (i) => seminarRoom(`Training room ${i}`, 20)),
    ...numbered(5, (i) => meetingRoom(`Meeting room ${i}`, 8)),
    pool('Projectors', 4, 'projector'),
    pool('Laptops', 30, 'laptop'),
    pool('Cameras', 3, 'camera'),
    pool('Printer', 2, 'printer'),
  ],
};

const REGIONAL: CenterShape = {
  label: 'regional',
  resources: [
    ...desks(12),
    ...computers(8),
    seminarRoom('Seminar room', 30, true),
    seminarRoom('Training room', 20),
    meetingRoom('Meeting room', 8),
    pool('Projectors', 2, 'projector'),
    pool('Laptops', 10, 'laptop'),
    pool('Printer', 1, 'printer'),
  ],
};

const SMALL: CenterShape = {
  label: 'small',
  resources: [
    ...desks(4),
    ...computers(2),
    seminarRoom('Seminar room', 25),
    meetingRoom('Meeting room', 6),
    pool('Projector', 1, 'projector'),
    pool('Laptops', 6, 'laptop'),
  ],
};

const TINY: CenterShape = {
  label: 'tiny',
  resources: [
    ...desks(2),
    ...computers(1),
    meetingRoom('Meeting room', 6),
    pool('Laptops', 4, 'laptop'),
  ],
};

export const DATA_SETS: DataSetSpec[] = [
  { name: 'small', label: '1k', targetAllocations: 1_000, centers: [SMALL, TINY] },
  { name: 'medium', label: '100k', targetAllocations: 100_000, centers: [HUB, REGIONAL, SMALL] },
  {
    name: 'large',
    label: '1M',
    targetAllocations: 1_000_000,
    centers: [HUB, HUB, REGIONAL, REGIONAL, SMALL],
  },
];

export const CITIES = ['Tashkent', 'Samarkand', 'Urgench', 'Navoi', 'Ferghana', 'Kokand', 'Nukus'];

/** All generated centers are in Uzbekistan (no daylight-saving time since 1992). */
export const ZONE = 'Asia/Tashkent';

/** Days ahead that the generated bookings reach (the future thins out towards it). */
export const FUTURE_DAYS = 90;

/**
 * From this many days ahead, generated sessions of exclusive resources end by 13:00, so that the
 * HTTP runs can book the afternoons (distinct slots for every request) without conflicts.
 */
export const FREE_AFTERNOONS_FROM_DAY = 58;
export const FREE_AFTERNOON_FROM = '13:00';

/** Long enough for a 52-week series starting two months ahead. */
export const BENCH_MAX_ADVANCE_DAYS = 730;

export const BENCH_MEMBER = {
  email: 'bench.member@makon.bench',
  password: 'bench-member-password',
};
export const BENCH_ADMIN = { email: 'bench.admin@makon.bench', password: 'bench-admin-password' };
