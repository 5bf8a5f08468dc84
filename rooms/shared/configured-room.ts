import type { KitDeps, KitRoom } from './kit-room';
import { authenticatePlayer, type PlayerAuthData } from './player-auth';

/**
 * The room class to define, bound to its services (the composition root calls this): every
 * instance gets `deps`, and joining needs a valid access token (`static onAuth`).
 */
export function configuredRoom<Deps extends KitDeps, R extends KitRoom<object, Deps>>(RoomClass: abstract new () => R, deps: Deps): new () => R {
  // The kind's class is abstract only in `deps`, supplied here (TypeScript cannot see that).
  const Base = RoomClass as unknown as new () => KitRoom<object, Deps>;
  abstract class ConfiguredRoom extends Base {
    protected override get deps(): Deps {
      return deps;
    }
    static async onAuth(token: string): Promise<PlayerAuthData> {
      return authenticatePlayer(deps.auth, token);
    }
  }
  return ConfiguredRoom as unknown as new () => R;
}
