/**
 * Props that give a Taro `Input`, `Textarea` or `Switch` its accessible name — what a screen reader says and
 * what WCAG 2.1 SC 4.1.2 / 1.3.1 ask of a form control: `aria-label` on the component (the
 * mini-program's screen reader reads components' aria attributes) and on the H5 build's inner
 * `<input>`/`<textarea>` (Taro passes `nativeProps` to it), which the visible label beside it is not
 * tied to. `label` is the field's visible label, or what the field is for where it has none.
 */
export function accessibleName(label: string): { 'aria-label': string; nativeProps: Record<string, string> } {
  return { 'aria-label': label, nativeProps: { 'aria-label': label } };
}

/**
 * `aria-pressed` for one of a row of options drawn as buttons (ChoiceTabs…): which one is chosen, told to a
 * screen reader and not by colour alone (WCAG 1.4.1, 4.1.2).
 */
export function pressedSemantics(pressed: boolean): object {
  return { 'aria-pressed': pressed };
}

/**
 * Props that make a tick box drawn as a `Button` a checkbox to a screen reader (WAI-ARIA 1.2 `checkbox`:
 * its role, `aria-checked`, and `label` as its name — a browser's `<button>` with only a ✓ has none, WCAG
 * 4.1.2). The mini-program reads the role from `aria-role`; the browser from `role`.
 */
export function checkboxSemantics(checked: boolean, label: string): object {
  const role = process.env.TARO_ENV === 'h5' ? { role: 'checkbox' } : { 'aria-role': 'checkbox' };
  return { ...role, 'aria-checked': checked, 'aria-label': label };
}
