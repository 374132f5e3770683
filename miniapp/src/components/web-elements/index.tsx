import { createElement, type ReactNode } from 'react';

// Every other component as Taro draws it in a browser (its web components: Input, Switch, Image, …).
export * from '@tarojs/components/lib/react';

/**
 * The browser build's `View`, `Text` and `Button` (issue 21): plain `<div>`, `<span>` and `<button>` instead
 * of Taro's web components (`taro-view-core`, …). Those are Stencil elements that Preact creates, that each
 * render again in Stencil's next animation frame, and that relocate their children into slots: on 我的 that
 * was ~0.07–0.09 s of every frame at 4× CPU, and ~0.04 s more in their `connectedCallback`s, for elements
 * that only ever hold a class, an id and a click. `config/web-elements.ts` points the app's imports of
 * `@tarojs/components` here on H5 only; the mini-program keeps WeChat's own components.
 *
 * What stays as it was: the props the app uses (`id`, `className`, `style`, `onClick`, `role`, `aria-*`,
 * `data-*`, `tabIndex`, `disabled`), Text's not-selectable default and its `userSelect`/`selectable`
 * (`.web-text`, `.web-text--selectable` in app.scss). Taro's mini-program-only props (`hoverClass`,
 * `openType`, `onAgreePrivacyAuthorization`, …) are not passed to the DOM. A Button is a real `<button
 * type="button">`: it takes keyboard focus and is a button to a screen reader, which Taro's was not.
 */

/** Props of Taro's components that mean nothing to a DOM element (WeChat's, or Taro's own behaviour). */
const MINI_PROGRAM_ONLY = new Set([
  'hoverClass',
  'hoverStartTime',
  'hoverStayTime',
  'hoverStopPropagation',
  'catchMove',
  'animation',
  'userSelect',
  'selectable',
  'space',
  'decode',
  'numberOfLines',
  'openType',
  'formType',
  'size',
  'type',
  'plain',
  'loading',
  'lang',
  'sessionFrom',
  'sendMessageTitle',
  'sendMessagePath',
  'sendMessageImg',
  'appParameter',
  'showMessageCard',
  'nativeProps',
]);

type WebProps = Record<string, unknown> & { className?: string; children?: ReactNode };

/** `props` without {@link MINI_PROGRAM_ONLY} ones nor the mini-program's event props (`onGetPhoneNumber`, …). */
function domProps(props: WebProps): WebProps {
  const out: WebProps = {};
  for (const name of Object.keys(props)) {
    if (MINI_PROGRAM_ONLY.has(name)) continue;
    if (name.startsWith('on') && !DOM_EVENTS.has(name)) continue;
    out[name] = props[name];
  }
  return out;
}

/** The DOM events the app listens to on these elements (the others — `onAgreePrivacyAuthorization`… — are WeChat's). */
const DOM_EVENTS = new Set([
  'onClick',
  'onKeyDown',
  'onKeyUp',
  'onFocus',
  'onBlur',
  'onTouchStart',
  'onTouchMove',
  'onTouchEnd',
  'onTouchCancel',
  'onScroll',
]);

function joinClasses(...names: (string | false | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

/** Taro's `View` as a `<div>`. */
export function View(props: WebProps) {
  return createElement('div', domProps(props));
}

/** Taro's `Text` as a `<span>`: not selectable unless `userSelect` (or `selectable`), as Taro's. */
export function Text(props: WebProps) {
  const selectable = Boolean(props.userSelect) || Boolean(props.selectable);
  return createElement('span', {
    ...domProps(props),
    className: joinClasses('web-text', selectable && 'web-text--selectable', props.className),
  });
}

/** Taro's `Button` as a `<button type="button">` (a button in no form submits nothing). */
export function Button(props: WebProps) {
  return createElement('button', {
    type: 'button',
    ...domProps(props),
    className: joinClasses('web-button', props.className),
  });
}
