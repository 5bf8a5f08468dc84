import { parseRoute, routeHash, type Route } from './routes';

/** Hash routing: `hashchange` drives the app; navigating only sets the hash. */
export class Router {
  private listener: ((route: Route) => void) | null = null;

  start(listener: (route: Route) => void): void {
    this.listener = listener;
    window.addEventListener('hashchange', () => this.dispatch());
    this.dispatch();
  }

  current(): Route {
    return parseRoute(location.hash) ?? { name: 'library' };
  }

  navigate(route: Route): void {
    const hash = routeHash(route);
    if (location.hash === hash) this.dispatch();
    else location.hash = hash;
  }

  /** Rewrites the address without showing another screen (e.g. the play route once a session is open). */
  replace(route: Route): void {
    history.replaceState(history.state, '', routeHash(route));
  }

  private dispatch(): void {
    const route = parseRoute(location.hash);
    if (route === null) return this.replaceAndShow({ name: 'library' });
    this.listener?.(route);
  }

  private replaceAndShow(route: Route): void {
    this.replace(route);
    this.listener?.(route);
  }
}
