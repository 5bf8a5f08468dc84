import type { ChapterProblem } from '../../../api/index';
import { h } from '../shell/dom';
import { groupProblemsByScene } from './problems-by-scene';

/**
 * The linter's problems grouped by scene: a heading per scene (its id) over the list of what is
 * wrong there, errors first. Plain DOM text throughout: messages quote the writer's own content.
 */
export function problemList(problems: readonly ChapterProblem[], headingLevel: 'h3' | 'h4' = 'h4'): HTMLElement {
  return h('div', { className: 'problem-groups' }, groupProblemsByScene(problems).map((group) =>
    h('section', { className: 'problem-group' }, [
      h(headingLevel, { className: 'problem-scene' }, group.scene === null ? ['The chapter as a whole'] : ['Scene ', h('code', { text: group.scene })]),
      h('ul', { className: 'problem-items' }, group.problems.map((problem) =>
        h('li', { className: `problem problem-${problem.severity}` }, [
          h('span', { className: 'problem-severity', text: problem.severity === 'warning' ? 'Warning' : 'Error' }),
          ' ',
          h('span', { className: 'problem-message', text: problem.message }),
          problem.line !== undefined ? h('span', { className: 'problem-where', text: ` (${problem.file ? `${problem.file}, ` : ''}line ${problem.line})` }) : null,
        ]),
      )),
    ]),
  ));
}
