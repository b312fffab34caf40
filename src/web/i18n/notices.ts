import { catalog } from './catalog';

/** What a page says after an action (`?done=…`); a refusal (`?error=<API code>`) is in errors.ts. */
export const notices = catalog({
  en: {
    'done.booked': 'Booked.',
    'done.requested': 'Request sent: a coordinator will approve or reject it.',
    'done.cancelled': 'Cancelled.',
    'done.checked_in': 'Checked in.',
    'done.checked_out': 'Your place is free again: the rest of the time is free for others.',
    'done.approved': 'Approved.',
    'done.rejected': 'Rejected.',
    'done.saved': 'Saved.',
    'done.deactivated': 'Deactivated.',
    'done.deleted': 'Deleted.',
  },
  ru: {
    'done.booked': 'Забронировано.',
    'done.requested': 'Заявка отправлена: координатор подтвердит или отклонит её.',
    'done.cancelled': 'Отменено.',
    'done.checked_in': 'Приход отмечен: вы на месте.',
    'done.checked_out': 'Уход отмечен: оставшееся время свободно для других.',
    'done.approved': 'Одобрено.',
    'done.rejected': 'Отклонено.',
    'done.saved': 'Сохранено.',
    'done.deactivated': 'Отключено.',
    'done.deleted': 'Удалено.',
  },
  uz: {
    'done.booked': 'Bron qilindi.',
    'done.requested': 'Soʻrov yuborildi: koordinator tasdiqlaydi yoki rad etadi.',
    'done.cancelled': 'Bekor qilindi.',
    'done.checked_in': 'Kelganingiz belgilandi: siz joydasiz.',
    'done.checked_out': 'Joy boʻshatildi: qolgan vaqt boshqalar uchun boʻsh.',
    'done.approved': 'Tasdiqlandi.',
    'done.rejected': 'Rad etildi.',
    'done.saved': 'Saqlandi.',
    'done.deactivated': 'Faolsizlantirildi.',
    'done.deleted': 'Oʻchirildi.',
  },
});
