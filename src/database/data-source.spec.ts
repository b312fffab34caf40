import { postgresSessionOptions } from './data-source';

describe('postgresSessionOptions', () => {
  it('sets the schema and prices random reads for data on SSD or in memory', () => {
    expect(postgresSessionOptions('makon_test', undefined)).toBe(
      '-c search_path=makon_test -c random_page_cost=1.1',
    );
    expect(postgresSessionOptions(undefined, undefined)).toBe('-c random_page_cost=1.1');
  });

  it("puts the operator's PGOPTIONS last, so that theirs win", () => {
    expect(postgresSessionOptions(undefined, ' -c random_page_cost=4 ')).toBe(
      '-c random_page_cost=1.1 -c random_page_cost=4',
    );
  });
});
