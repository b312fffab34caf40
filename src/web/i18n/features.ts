import { catalog } from './catalog';

/**
 * The features the product and the demo name (a resource's `features`); any other is shown as
 * typed, underscores as spaces (src/web/features.ts).
 */
export const features = catalog({
  en: {
    'feature.projector': 'Projector',
    'feature.projector_screen': 'Projector and screen',
    'feature.screen': 'Screen',
    'feature.wheelchair_accessible': 'Wheelchair accessible',
    'feature.height_adjustable': 'Height-adjustable',
    'feature.screen_reader': 'Screen reader',
    'feature.hearing_loop': 'Hearing loop',
    'feature.internet': 'Internet',
    'feature.laptop': 'Laptop',
    'feature.printer': 'Printer',
    'feature.private': 'Private',
    'feature.quiet_zone': 'Quiet zone',
    'feature.whiteboard': 'Whiteboard',
    'feature.window': 'By the window',
  },
  ru: {
    'feature.projector': 'Проектор',
    'feature.projector_screen': 'Проектор и экран',
    'feature.screen': 'Экран',
    'feature.wheelchair_accessible': 'Доступно для инвалидной коляски',
    'feature.height_adjustable': 'Регулируемая высота',
    'feature.screen_reader': 'Программа экранного доступа',
    'feature.hearing_loop': 'Индукционная петля',
    'feature.internet': 'Интернет',
    'feature.laptop': 'Ноутбук',
    'feature.printer': 'Принтер',
    'feature.private': 'Отдельное помещение',
    'feature.quiet_zone': 'Тихая зона',
    'feature.whiteboard': 'Маркерная доска',
    'feature.window': 'У окна',
  },
  uz: {
    'feature.projector': 'Proyektor',
    'feature.projector_screen': 'Proyektor va ekran',
    'feature.screen': 'Ekran',
    'feature.wheelchair_accessible': 'Nogironlar aravachasi uchun qulay',
    'feature.height_adjustable': 'Balandligi sozlanadi',
    'feature.screen_reader': 'Ekranni oʻqish dasturi',
    'feature.hearing_loop': 'Induksion halqa',
    'feature.internet': 'Internet',
    'feature.laptop': 'Noutbuk',
    'feature.printer': 'Printer',
    'feature.private': 'Alohida xona',
    'feature.quiet_zone': 'Sokin hudud',
    'feature.whiteboard': 'Marker doskasi',
    'feature.window': 'Deraza yonida',
  },
});
