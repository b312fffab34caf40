import { catalog } from '../i18n/catalog';

/**
 * The page a resource's QR code opens (`/c/<token>`), and the printed cards' caption. The words
 * for checking out never share one with signing out (`nav.signOut`): someone in a hurry at the
 * door must not pick the wrong one.
 */
export const scan = catalog({
  en: {
    'scan.title': '{name}, {center}',
    'scan.signInLead': 'Sign in to check in at {name}.',
    'scan.signIn': 'Sign in',
    'scan.signUp': 'No account yet? Sign up',
    'scan.yoursBooked': 'Your session here: {time}.',
    'scan.checkIn': 'I am here: check in',
    'scan.yoursCheckedIn': 'You are checked in. The place is yours until {time}.',
    'scan.checkOut': 'I am leaving: free the place',
    'scan.free': 'Free now. Walk in without a booking: it is yours until {time}.',
    'scan.walkIn': 'Take it until {time}',
    'scan.busy': 'Taken now. Free again at {time}.',
    'scan.busyToday': 'Taken now, for the rest of today.',
    'scan.closed': 'The center is closed now. It opens {when}.',
    'scan.closedLong': 'The center is closed now.',
    'scan.checkedIn': 'Checked in. The place is yours until {time}.',
    'scan.walkedIn': 'It is yours until {time}, and you are checked in.',
    'scan.myBookings': 'My bookings',
    'scan.card': 'Scan to check in',
    'scan.loopbackWarning':
      'These codes point to {url}, an address that only works on the server itself: phones cannot open it. Set PUBLIC_URL to the address people reach Makon at, restart, and print again.',
  },
  ru: {
    'scan.title': '{name}, {center}',
    'scan.signInLead': 'Войдите, чтобы отметить приход: {name}.',
    'scan.signIn': 'Войти',
    'scan.signUp': 'Нет учётной записи? Зарегистрируйтесь',
    'scan.yoursBooked': 'Ваше занятие здесь: {time}.',
    'scan.checkIn': 'Я пришёл: отметить приход',
    'scan.yoursCheckedIn': 'Приход отмечен. Место ваше до {time}.',
    'scan.checkOut': 'Я ухожу: отметить уход',
    'scan.free': 'Сейчас свободно. Можно занять без брони: место ваше до {time}.',
    'scan.walkIn': 'Занять до {time}',
    'scan.busy': 'Сейчас занято. Освободится в {time}.',
    'scan.busyToday': 'Сейчас занято, до конца дня.',
    'scan.closed': 'Центр сейчас закрыт. Откроется {when}.',
    'scan.closedLong': 'Центр сейчас закрыт.',
    'scan.checkedIn': 'Приход отмечен. Место ваше до {time}.',
    'scan.walkedIn': 'Место ваше до {time}, приход отмечен.',
    'scan.myBookings': 'Мои бронирования',
    'scan.card': 'Сканируйте, чтобы отметить приход',
    'scan.loopbackWarning':
      'Эти коды ведут на {url} — адрес, который работает только на самом сервере: телефоны его не откроют. Укажите в PUBLIC_URL адрес, по которому люди открывают Makon, перезапустите и распечатайте снова.',
  },
  uz: {
    'scan.title': '{name}, {center}',
    'scan.signInLead': '{name}: kelganingizni belgilash uchun tizimga kiring.',
    'scan.signIn': 'Kirish',
    'scan.signUp': 'Hisobingiz yoʻqmi? Roʻyxatdan oʻting',
    'scan.yoursBooked': 'Bu yerdagi mashgʻulotingiz: {time}.',
    'scan.checkIn': 'Keldim: kelganimni belgilash',
    'scan.yoursCheckedIn': 'Kelganingiz belgilangan. Joy {time} gacha sizniki.',
    'scan.checkOut': 'Ketyapman: joyni boʻshatish',
    'scan.free': 'Hozir boʻsh. Bronsiz egallash mumkin: joy {time} gacha sizniki.',
    'scan.walkIn': '{time} gacha egallash',
    'scan.busy': 'Hozir band. {time} da boʻshaydi.',
    'scan.busyToday': 'Hozir band, kun oxirigacha.',
    'scan.closed': 'Markaz hozir yopiq. {when} ochiladi.',
    'scan.closedLong': 'Markaz hozir yopiq.',
    'scan.checkedIn': 'Kelganingiz belgilandi. Joy {time} gacha sizniki.',
    'scan.walkedIn': 'Joy {time} gacha sizniki, kelganingiz belgilandi.',
    'scan.myBookings': 'Mening bronlarim',
    'scan.card': 'Kelganingizni belgilash uchun skanerlang',
    'scan.loopbackWarning':
      'Bu kodlar {url} manziliga olib boradi — bu manzil faqat serverning oʻzida ishlaydi, telefonlar uni ocha olmaydi. PUBLIC_URL ga odamlar Makonni ochadigan manzilni yozing, qayta ishga tushiring va qaytadan chop eting.',
  },
});
