import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../identity/access';
import { BASE_JS } from '../assets/app.js';
import { BASE_CSS } from '../assets/base.css';
import { CENTER_CSS } from '../assets/center.css';
import { FORMS_CSS } from '../assets/forms.css';
import { PEOPLE_CSS } from '../assets/people.css';
import { REPORTS_CSS } from '../assets/reports.css';
import { TODAY_CSS } from '../assets/today.css';
import { TODAY_JS } from '../assets/today.js';

const CSS = [BASE_CSS, FORMS_CSS, TODAY_CSS, CENTER_CSS, REPORTS_CSS, PEOPLE_CSS].join('\n');
const JS = [BASE_JS, TODAY_JS].join('\n');

/** The pages' one stylesheet and one script, from this site (no CDN). */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  @Public()
  @Get('app.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  css(): string {
    return CSS;
  }

  @Public()
  @Get('app.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  js(): string {
    return JS;
  }
}
