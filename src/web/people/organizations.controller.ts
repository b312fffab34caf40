import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { OrganizationInput, OrganizationQuery, OrganizationsService } from '../../identity';
import { Staff } from '../../access';
import { checkedInput } from '../shared/page-input';
import { field, FormBody, pageNumber } from '../shared/form';
import { formProblem } from '../shared/form-fields';
import { Html } from '../shared/html';
import {
  ORGANIZATION_RULES,
  ORGANIZATIONS_DONE,
  OrganizationsData,
  organizationsPage,
  organizationsUrl,
} from './organizations.view';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, Redirect, WebResult } from '../shared/web-result';

const PAGE_SIZE = 25;

/** Where a rename returns to: this list (with its search and page), never elsewhere. */
function backTo(form: FormBody): string {
  const back = field(form, 'back');
  return back !== undefined && /^\/admin\/organizations(\?[^#\\]*)?$/.test(back)
    ? back
    : '/admin/organizations';
}

function withDone(url: string, done: keyof typeof ORGANIZATIONS_DONE): string {
  return `${url}${url.includes('?') ? '&' : '?'}done=${done}`;
}

/**
 * The NGOs people come from, for staff: list and search, add, rename (names unique regardless
 * of case). The same service as `GET/POST /api/v1/organizations` and `PATCH …/:organizationId`.
 */
@WebController('admin/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Staff()
  @Get()
  async list(
    @Page() ctx: WebContext,
    @Query('q') q?: string,
    @Query('page') page?: string,
    @Query('done') done?: string,
  ): Promise<WebResult> {
    return this.render(ctx, {
      // A search longer than the API takes is cut, not refused: it is only a search.
      q: q?.trim().slice(0, 100) || undefined,
      page: pageNumber(page),
      done: done !== undefined && done in ORGANIZATIONS_DONE ? (done as 'created') : undefined,
    });
  }

  @Staff()
  @Post()
  async create(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const name = field(form, 'name') ?? '';
    try {
      const input = await checkedInput(OrganizationInput, { name });
      const created = await this.organizations.create(ctx.principal!, input.name);
      return new Redirect(withDone(organizationsUrl(created.name), 'created'));
    } catch (error) {
      const problem = formProblem(error, ORGANIZATION_RULES);
      return new PageResponse(
        problem.status,
        await this.render(ctx, { page: 1, created: { name, problem } }),
      );
    }
  }

  @Staff()
  @Post(':organizationId')
  async rename(
    @Page() ctx: WebContext,
    @Param('organizationId') organizationId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const name = field(form, 'name') ?? '';
    const back = backTo(form);
    try {
      await this.organizations.assertExists(organizationId);
      const input = await checkedInput(OrganizationInput, { name });
      await this.organizations.rename(ctx.principal!, organizationId, input.name);
    } catch (error) {
      const problem = formProblem(error, ORGANIZATION_RULES);
      const params = new URL(back, 'http://page').searchParams;
      return new PageResponse(
        problem.status,
        await this.render(ctx, {
          q: params.get('q')?.slice(0, 100) || undefined,
          page: pageNumber(params.get('page') ?? undefined),
          renamed: { id: organizationId, name, problem },
        }),
      );
    }
    return new Redirect(withDone(back, 'renamed'));
  }

  private async render(
    ctx: WebContext,
    state: Pick<OrganizationsData, 'q' | 'page' | 'done' | 'created' | 'renamed'>,
  ): Promise<Html> {
    const query = await checkedInput(OrganizationQuery, {
      ...(state.q && { q: state.q }),
      limit: String(PAGE_SIZE),
      offset: String((state.page - 1) * PAGE_SIZE),
    });
    const result = await this.organizations.list(query);
    return organizationsPage(ctx, {
      ...state,
      organizations: result.items,
      total: result.total,
      pageSize: PAGE_SIZE,
    });
  }
}
