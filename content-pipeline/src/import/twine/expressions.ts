import type { Condition } from '../../condition-schema';

// The subset of Twine expressions that maps onto StoryVerse state: variables holding numbers
// (→ relationships named by the variable) or booleans (→ flags), set and tested with constants.

export type SetValue = { variable: string; mode: 'to' | 'add'; value: number | boolean };

/** Reads a variable reference: `$x` (Harlowe, SugarCube) or a bare name (Chapbook). */
function variable(text: string, sigil: boolean): string | null {
  const match = (sigil ? /^\$([A-Za-z_][\w]*)$/ : /^\$?([A-Za-z_][\w]*)$/).exec(text.trim());
  return match ? match[1]! : null;
}

function constant(text: string): number | boolean | null {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

/**
 * `$x to 1`, `$x to it + 1`, `$x to $x - 2`, `$x = true`, `$x += 1`, `$x -= 1`, `$x++` (and
 * Chapbook's `x: 1` passed as `x to 1`). null when it is anything else.
 */
export function parseSet(text: string, sigil: boolean): SetValue | null {
  const t = text.trim();
  const increment = /^(\S+?)\s*(\+\+|--)$/.exec(t);
  if (increment) {
    const name = variable(increment[1]!, sigil);
    return name ? { variable: name, mode: 'add', value: increment[2] === '++' ? 1 : -1 } : null;
  }
  const assign = /^(\S+?)\s*(\bto\b|\+=|-=|=(?!=))\s*(.+)$/.exec(t);
  if (!assign) return null;
  const name = variable(assign[1]!, sigil);
  if (name === null) return null;
  const [op, rhs] = [assign[2]!, assign[3]!.trim()];
  if (op === '+=' || op === '-=') {
    const n = constant(rhs);
    return typeof n === 'number' ? { variable: name, mode: 'add', value: op === '+=' ? n : -n } : null;
  }
  const value = constant(rhs);
  if (value !== null) return { variable: name, mode: 'to', value };
  const relative = /^(\S+)\s*([+-])\s*(\d+)$/.exec(rhs);
  if (relative && (relative[1] === 'it' || variable(relative[1]!, sigil) === name)) {
    const n = Number(relative[3]);
    return { variable: name, mode: 'add', value: relative[2] === '+' ? n : -n };
  }
  return null;
}

const COMPARISONS: Record<string, '=' | '!=' | '>' | '>=' | '<' | '<='> = {
  is: '=', '==': '=', '===': '=', eq: '=', 'is not': '!=', '!=': '!=', '!==': '!=', neq: '!=', isnot: '!=',
  '>': '>', gt: '>', '>=': '>=', gte: '>=', '<': '<', lt: '<', '<=': '<=', lte: '<=',
};

/**
 * A conjunction of tests (`and`, `&&`) of one variable against a constant, or of a variable's
 * truth (`$x`, `not $x`, `!$x`). null when it is anything else (`or`, strings, other variables…).
 */
export function parseCondition(text: string, sigil: boolean): Condition[] | null {
  if (/\bor\b|\|\|/.test(text)) return null;
  const conditions: Condition[] = [];
  for (const part of text.split(/\band\b|&&/)) {
    const condition = parseTest(part.trim().replace(/^\((.*)\)$/, '$1').trim(), sigil);
    if (condition === null) return null;
    conditions.push(condition);
  }
  return conditions.length > 0 ? conditions : null;
}

function parseTest(text: string, sigil: boolean): Condition | null {
  const negated = /^(?:not\s+|!)(.+)$/.exec(text);
  if (negated) {
    const name = variable(negated[1]!, sigil);
    return name ? { flag: name, set: false } : null;
  }
  const bare = variable(text, sigil);
  if (bare) return { flag: bare };
  const match = /^(\S+)\s*(is not|isnot|===|!==|==|!=|>=|<=|>|<|\bis\b|\beq\b|\bneq\b|\bgte\b|\bgt\b|\blte\b|\blt\b)\s*(.+)$/.exec(text);
  if (!match) return null;
  const name = variable(match[1]!, sigil);
  const value = constant(match[3]!);
  const op = COMPARISONS[match[2]!];
  if (name === null || value === null || op === undefined) return null;
  if (typeof value === 'boolean') {
    if (op !== '=' && op !== '!=') return null;
    return (value === (op === '=')) ? { flag: name } : { flag: name, set: false };
  }
  switch (op) {
    case '=': return { relationship: name, min: value, max: value };
    case '>': return { relationship: name, min: value + 1 };
    case '>=': return { relationship: name, min: value };
    case '<': return { relationship: name, max: value - 1 };
    case '<=': return { relationship: name, max: value };
    default: return null;
  }
}

/** The condition that holds exactly when `condition` does not — null when that needs an "or". */
export function negate(conditions: readonly Condition[]): Condition | null {
  if (conditions.length !== 1) return null;
  const c = conditions[0]!;
  if ('flag' in c) return { flag: c.flag, set: c.set === false };
  if (c.min !== undefined && c.max !== undefined) return null;
  return c.min !== undefined ? { relationship: c.relationship, max: c.min - 1 } : { relationship: c.relationship, min: c.max! + 1 };
}
