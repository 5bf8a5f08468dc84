/**
 * Where a rendered nginx config sends a request path, worked out the way nginx does for the kinds
 * of location the cluster uses: an exact (`=`) match first, else the longest `^~` prefix. Refuses
 * configs with other kinds (regex or plain prefixes), for which this would not be nginx's answer.
 */
export interface NginxTarget {
  location: string;
  /** Ports of the processes it proxies to (an upstream's servers, or one address); empty if nginx answers itself. */
  ports: number[];
}

interface Location {
  exact: boolean;
  path: string;
  body: string;
}

export function nginxRoutes(conf: string): (path: string) => NginxTarget {
  const upstreams = new Map<string, number[]>();
  for (const [, name, body] of conf.matchAll(/upstream (\S+) \{([^}]*)\}/g)) upstreams.set(name!, portsIn(body!));
  const locations: Location[] = [];
  for (const match of conf.matchAll(/location (\S+) (\S+) \{/g)) {
    const [, modifier, path] = match;
    if (modifier !== '=' && modifier !== '^~') throw new Error(`location ${modifier} ${path}: only = and ^~ locations are modelled`);
    locations.push({ exact: modifier === '=', path: path!, body: blockAt(conf, match.index + match[0].length) });
  }
  const written = conf.split('\n').filter((line) => /^\s*location\s/.test(line)).length;
  if (written !== locations.length) throw new Error(`${written} locations written, ${locations.length} understood`);
  return (path) => {
    const chosen =
      locations.find((l) => l.exact && l.path === path) ??
      locations.filter((l) => !l.exact && path.startsWith(l.path)).sort((a, b) => b.path.length - a.path.length)[0];
    if (!chosen) throw new Error(`no location for ${path}`);
    const target = /proxy_pass http:\/\/([^/;]+)/.exec(chosen.body)?.[1];
    const ports = target === undefined ? [] : (upstreams.get(target) ?? portsIn(target));
    return { location: `${chosen.exact ? '=' : '^~'} ${chosen.path}`, ports };
  };
}

/** The text of a block from just after its `{` to its matching `}` (blocks inside it, such as an `if`, included). */
function blockAt(conf: string, start: number): string {
  let depth = 1;
  for (let i = start; i < conf.length; i++) {
    if (conf[i] === '{') depth++;
    else if (conf[i] === '}' && --depth === 0) return conf.slice(start, i);
  }
  throw new Error('a location block is not closed');
}

function portsIn(text: string): number[] {
  return [...text.matchAll(/127\.0\.0\.1:(\d+)/g)].map(([, port]) => Number(port));
}
