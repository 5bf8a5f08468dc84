// A tiny element builder: screens are plain DOM, so this keeps their construction readable.

export type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  /** Attributes; `false`/`undefined` leave the attribute out, `true` sets it empty. */
  attrs?: Record<string, string | number | boolean | undefined>;
  onClick?: (event: MouseEvent) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  const onClick = options.onClick;
  if (onClick) element.addEventListener('click', (event) => onClick(event as MouseEvent));
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** A real <button type="button">: every actionable thing in the shell is one. */
export function button(label: Child[] | string, onClick: (event: MouseEvent) => void, className = 'btn', attrs: ElementOptions['attrs'] = {}): HTMLButtonElement {
  return h('button', { className, attrs: { type: 'button', ...attrs }, onClick }, typeof label === 'string' ? [label] : label);
}

export function clear(element: Element): void {
  element.replaceChildren();
}
