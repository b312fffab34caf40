import { closureName } from './closure-name';

describe('closureName', () => {
  const holiday = {
    reason: 'Constitution Day',
    names: { uz: 'Konstitutsiya kuni', ru: 'День Конституции', en: 'Constitution Day' },
  };

  it('gives the name in the reader’s language', () => {
    expect(closureName(holiday, 'uz')).toBe('Konstitutsiya kuni');
    expect(closureName(holiday, 'ru')).toBe('День Конституции');
    expect(closureName(holiday, 'en')).toBe('Constitution Day');
  });

  it('falls back to the reason without a name in that language (or any)', () => {
    expect(closureName({ reason: 'Inventory', names: { ru: 'Инвентаризация' } }, 'uz')).toBe(
      'Inventory',
    );
    expect(closureName({ reason: 'Inventory', names: { uz: '  ' } }, 'uz')).toBe('Inventory');
    expect(closureName({ reason: 'Inventory', names: null }, 'ru')).toBe('Inventory');
    expect(closureName({ reason: 'Inventory' }, 'en')).toBe('Inventory');
  });
});
