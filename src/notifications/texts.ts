import type { Locale } from '../identity';
import type { NotificationEvent } from '../outbox';

/** What a message says, in each language; `{what}`, `{resource}`… are filled in by render.ts. */
interface EventTexts {
  title: string;
  intro: string;
}

export interface MessageTexts {
  events: Record<NotificationEvent, EventTexts>;
  sessions: string;
  skipped: string;
  reason: string;
  closure: string;
  open: string;
  reasons: Record<string, string>;
  weekdays: [string, string, string, string, string, string, string];
  footer: string;
}

const en: MessageTexts = {
  events: {
    booking_confirmed: {
      title: 'Booking confirmed: {what}',
      intro: 'Your booking of {resource} at {center} is confirmed.',
    },
    booking_pending: {
      title: 'Request waiting for approval: {what}',
      intro: '{owner} asks for {resource} at {center}. Please approve or reject the request.',
    },
    booking_approved: {
      title: 'Request approved: {what}',
      intro: 'Your request for {resource} at {center} was approved.',
    },
    booking_rejected: {
      title: 'Request rejected: {what}',
      intro: 'Your request for {resource} at {center} was rejected.',
    },
    booking_cancelled_by_staff: {
      title: 'Booking cancelled: {what}',
      intro: 'The staff of {center} cancelled your booking of {resource}.',
    },
    session_reminder: {
      title: 'Reminder: {what} at {time}',
      intro: 'Your session on {resource} at {center} starts soon.',
    },
    no_show_released: {
      title: 'Released: {what}',
      intro: 'You did not check in on time, so {resource} at {center} was released for others.',
    },
    closure_affects_you: {
      title: '{center} is closed during your booking',
      intro: '{center} will be closed on these sessions of your booking of {resource}.',
    },
    waitlist_booked: {
      title: 'Booked from the waitlist: {what}',
      intro: 'A place freed up: {resource} at {center} is now booked for you.',
    },
  },
  sessions: 'Sessions',
  skipped: 'Skipped',
  reason: 'Reason',
  closure: 'Closure',
  open: 'Open the booking',
  reasons: {
    booked: 'already booked',
    closed: 'the center is closed',
    outside_hours: 'outside opening hours',
    insufficient_quantity: 'not enough units free',
  },
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  footer: 'You can choose which messages you get in Makon, under Notification settings.',
};

const ru: MessageTexts = {
  events: {
    booking_confirmed: {
      title: 'Бронирование подтверждено: {what}',
      intro: 'Ваше бронирование «{resource}» в центре «{center}» подтверждено.',
    },
    booking_pending: {
      title: 'Заявка ждёт решения: {what}',
      intro: '{owner} просит «{resource}» в центре «{center}». Одобрите или отклоните заявку.',
    },
    booking_approved: {
      title: 'Заявка одобрена: {what}',
      intro: 'Ваша заявка на «{resource}» в центре «{center}» одобрена.',
    },
    booking_rejected: {
      title: 'Заявка отклонена: {what}',
      intro: 'Ваша заявка на «{resource}» в центре «{center}» отклонена.',
    },
    booking_cancelled_by_staff: {
      title: 'Бронирование отменено: {what}',
      intro: 'Сотрудники центра «{center}» отменили ваше бронирование «{resource}».',
    },
    session_reminder: {
      title: 'Напоминание: {what} в {time}',
      intro: 'Скоро начинается ваше занятие: «{resource}», центр «{center}».',
    },
    no_show_released: {
      title: 'Место освобождено: {what}',
      intro:
        'Вы не отметились вовремя, поэтому «{resource}» в центре «{center}» освобождено для других.',
    },
    closure_affects_you: {
      title: 'Центр «{center}» закрыт во время вашего бронирования',
      intro: 'Центр «{center}» будет закрыт в эти даты вашего бронирования «{resource}».',
    },
    waitlist_booked: {
      title: 'Забронировано из листа ожидания: {what}',
      intro: 'Место освободилось: «{resource}» в центре «{center}» теперь забронировано для вас.',
    },
  },
  sessions: 'Занятия',
  skipped: 'Пропущены',
  reason: 'Причина',
  closure: 'Закрытие',
  open: 'Открыть бронирование',
  reasons: {
    booked: 'уже занято',
    closed: 'центр закрыт',
    outside_hours: 'вне часов работы',
    insufficient_quantity: 'недостаточно свободных единиц',
  },
  weekdays: ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'],
  footer: 'Какие сообщения получать, можно выбрать в Makon, в настройках уведомлений.',
};

const uz: MessageTexts = {
  events: {
    booking_confirmed: {
      title: 'Bron tasdiqlandi: {what}',
      intro: '«{center}» markazidagi «{resource}» broningiz tasdiqlandi.',
    },
    booking_pending: {
      title: 'So‘rov tasdiqlashni kutmoqda: {what}',
      intro:
        '{owner} «{center}» markazidagi «{resource}»ni so‘ramoqda. So‘rovni tasdiqlang yoki rad eting.',
    },
    booking_approved: {
      title: 'So‘rov tasdiqlandi: {what}',
      intro: '«{center}» markazidagi «{resource}» uchun so‘rovingiz tasdiqlandi.',
    },
    booking_rejected: {
      title: 'So‘rov rad etildi: {what}',
      intro: '«{center}» markazidagi «{resource}» uchun so‘rovingiz rad etildi.',
    },
    booking_cancelled_by_staff: {
      title: 'Bron bekor qilindi: {what}',
      intro: '«{center}» markazi xodimlari «{resource}» broningizni bekor qildi.',
    },
    session_reminder: {
      title: 'Eslatma: {what}, {time}',
      intro: '«{center}» markazidagi «{resource}» mashg‘ulotingiz tez orada boshlanadi.',
    },
    no_show_released: {
      title: 'Bo‘shatildi: {what}',
      intro:
        'Siz o‘z vaqtida belgilanmadingiz, shuning uchun «{center}» markazidagi «{resource}» boshqalar uchun bo‘shatildi.',
    },
    closure_affects_you: {
      title: '«{center}» markazi broningiz vaqtida yopiq',
      intro: '«{center}» markazi «{resource}» broningizning quyidagi sanalarida yopiq bo‘ladi.',
    },
    waitlist_booked: {
      title: 'Kutish ro‘yxatidan bron qilindi: {what}',
      intro: 'Joy bo‘shadi: «{center}» markazidagi «{resource}» endi siz uchun bron qilindi.',
    },
  },
  sessions: 'Mashg‘ulotlar',
  skipped: 'O‘tkazib yuborilgan',
  reason: 'Sabab',
  closure: 'Yopilish',
  open: 'Bronni ochish',
  reasons: {
    booked: 'allaqachon band',
    closed: 'markaz yopiq',
    outside_hours: 'ish vaqtidan tashqari',
    insufficient_quantity: 'bo‘sh birliklar yetarli emas',
  },
  weekdays: ['Du', 'Se', 'Ch', 'Pa', 'Ju', 'Sh', 'Ya'],
  footer: 'Qaysi xabarlarni olishni Makon’da, bildirishnoma sozlamalarida tanlashingiz mumkin.',
};

export const MESSAGE_TEXTS: Record<Locale, MessageTexts> = { uz, ru, en };
