// Where the user is: one screen at a time, with the screen's own parameters.

export type Route =
  | { name: 'tasks' }
  | { name: 'orders' }
  | { name: 'order'; number: string }
  | { name: 'process'; number: string }
  | { name: 'signatures' }
  | { name: 'sync' }
  | { name: 'customers' }
  | { name: 'customer'; ruc: string }
  | { name: 'subscription'; id: string }
  | { name: 'billing' }
  | { name: 'users' }
  | { name: 'organisation' }
  | { name: 'catalogue' }
  | { name: 'about' };

class Router {
  current = $state<Route>({ name: 'tasks' });
  private back: Route[] = [];

  go(route: Route) {
    this.back.push(this.current);
    this.current = route;
  }

  previous() {
    const last = this.back.pop();
    if (last) this.current = last;
  }
}

/** The app's router. */
export const router = new Router();
