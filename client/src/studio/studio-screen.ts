import type { Route } from '../shell/routes';
import './studio.css';
import type { Screen, ShellContext } from '../shell/screen';
import { earningsScreen } from './earnings-screen';
import { guestInvitationScreen } from './guest-invitation-screen';
import { myStoriesScreen } from './my-stories-screen';
import { StudioApi } from './studio-api';
import { studioStoryScreen } from './studio-story-screen';

export type StudioRoute = Extract<Route, { name: 'studio' | 'studio-story' | 'studio-earnings' }>;

/** The studio's screens for email accounts; a guest is invited to add an email first. */
export function studioScreen(context: ShellContext, route: StudioRoute): Screen {
  if (context.signIns.current()?.user.isGuest !== false) return guestInvitationScreen(context, route);
  const api = new StudioApi(context.api.http);
  switch (route.name) {
    case 'studio':
      return myStoriesScreen(context, api);
    case 'studio-story':
      return studioStoryScreen(context, api, route.storyId);
    case 'studio-earnings':
      return earningsScreen(context, api);
  }
}
