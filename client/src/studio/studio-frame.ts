import { h, type Child } from '../shell/dom';
import { LibraryHeader } from '../shell/library-header';
import type { ShellContext } from '../shell/screen';

export type StudioSection = 'stories' | 'earnings';

/** The studio's page: the library header (wallet, account), the studio's own navigation, then the screen. */
export function studioFrame(context: ShellContext, current: StudioSection | null, children: Child[], deeper = false): { element: HTMLElement; destroy(): void } {
  const header = new LibraryHeader(context);
  // `page` on the tab of this very page; `true` on the section a deeper page (one story) belongs to.
  const link = (section: StudioSection, href: string, text: string) =>
    h('a', { className: 'studio-tab', text, attrs: { href, 'aria-current': current === section ? (deeper ? 'true' : 'page') : undefined } });
  const element = h('div', { className: 'screen studio-screen' }, [
    header.element,
    h('main', { className: 'library-main studio-main' }, [
      h('nav', { className: 'studio-nav', attrs: { 'aria-label': 'Studio' } }, [link('stories', '#/studio', 'My stories'), link('earnings', '#/studio/earnings', 'Earnings')]),
      ...children,
    ]),
  ]);
  return { element, destroy: () => header.destroy() };
}
