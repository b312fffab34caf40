import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

/** The printable QR sheet: cards anyone can read, and a warning before printing useless codes. */
describe('the QR sheet', () => {
  const apps: TestApp[] = [];

  async function sheetOf(publicUrl?: string): Promise<{ text: string; world: World }> {
    const t = await startTestApp(publicUrl ? { env: { PUBLIC_URL: publicUrl } } : {});
    apps.push(t);
    const world = await createWorld(t);
    await createResource(t, world.admin.token, world.centerId, { kind: 'desk', name: 'Desk 5' });
    const web = WebClient.withToken(t.baseUrl, world.coordinator.token);
    const page = await web.get(`/admin/center/qr-sheet?center=${world.centerId}`);
    expect(page.status).toBe(200);
    return { text: page.text, world };
  }

  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('each card names the desk and the center and says "scan to check in" in uz, ru and en', async () => {
    const { text } = await sheetOf();
    expect(text).toContain('<h2>Desk 5</h2>');
    expect(text).toMatch(/class="qr-center">[^<]+</);
    expect(text).toContain('<li lang="uz">Kelganingizni belgilash uchun skanerlang</li>');
    expect(text).toContain('<li lang="ru">Сканируйте, чтобы отметить приход</li>');
    expect(text).toContain('<li lang="en">Scan to check in</li>');
    expect(text).not.toContain('class="notice warning');
  });

  it.each(['http://127.0.0.1:3000', 'http://localhost:3000'])(
    'warns before printing when PUBLIC_URL is %s',
    async (publicUrl) => {
      const { text } = await sheetOf(publicUrl);
      // A warning, not an error (the page works); the coordinator reads Uzbek.
      const alert = /class="notice warning no-print">([^<]*)</.exec(text)?.[1] ?? '';
      expect(alert).toContain(`Bu kodlar ${publicUrl} manziliga`);
      expect(alert).toContain('PUBLIC_URL');
    },
  );
});
