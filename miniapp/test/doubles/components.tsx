import type { CSSProperties, ReactNode } from 'react';

/** Plain DOM stand-ins for the Taro components we use, with Taro's event shapes (`event.detail.value`). */
interface BaseProps {
  id?: string;
  className?: string;
  children?: ReactNode;
}

/** `data-*`, `aria-*` and `role` pass through to the DOM, as they do in the H5 build. */
type MarkupProps = { role?: string } & { [attribute: `data-${string}` | `aria-${string}`]: string | undefined };

export const View = ({
  id,
  className,
  style,
  children,
  onClick,
  ...markup
}: BaseProps & MarkupProps & { style?: CSSProperties; onClick?: () => void }) => (
  <div id={id} className={className} style={style} onClick={onClick} {...markup}>
    {children}
  </div>
);

export const Text = ({ id, className, children, ...markup }: BaseProps & MarkupProps) => (
  <span id={id} className={className} {...markup}>
    {children}
  </span>
);

export const Button = ({
  id,
  className,
  children,
  disabled,
  onClick,
}: BaseProps & { disabled?: boolean; onClick?: () => void }) => (
  <button id={id} className={className} disabled={disabled} onClick={onClick} type="button">
    {children}
  </button>
);

interface InputProps extends BaseProps {
  type?: string;
  value?: string;
  placeholder?: string;
  maxlength?: number;
  onInput?: (event: { detail: { value: string } }) => void;
  onConfirm?: () => void;
}

export const Input = ({ id, className, type, value, placeholder, maxlength, onInput, onConfirm }: InputProps) => (
  <input
    id={id}
    className={className}
    type={type === 'number' ? 'text' : type}
    inputMode={type === 'number' ? 'numeric' : undefined}
    value={value}
    placeholder={placeholder}
    maxLength={maxlength}
    onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
    onKeyDown={(event) => event.key === 'Enter' && onConfirm?.()}
  />
);

interface SwitchProps extends BaseProps {
  checked?: boolean;
  color?: string;
  onChange?: (event: { detail: { value: boolean } }) => void;
}

export const Switch = ({ id, className, checked, onChange }: SwitchProps) => (
  <input
    id={id}
    className={className}
    type="checkbox"
    role="switch"
    checked={checked ?? false}
    onChange={(event) => onChange?.({ detail: { value: event.target.checked } })}
  />
);

/** Taro's Image: an `<img>`, its `ariaLabel` as the alt text, `lazyLoad` as the browser's lazy loading. */
export const Image = ({
  id,
  className,
  src,
  lazyLoad,
  ariaLabel,
}: BaseProps & { src: string; lazyLoad?: boolean; ariaLabel?: string }) => (
  <img id={id} className={className} src={src} alt={ariaLabel} loading={lazyLoad ? 'lazy' : undefined} />
);

/** Taro's Picker opens a native wheel; here it only shows its children. */
export const Picker = ({ children }: { children?: ReactNode }) => <div>{children}</div>;

export const Textarea = ({ id, className, value, placeholder, maxlength, onInput }: InputProps) => (
  <textarea
    id={id}
    className={className}
    value={value}
    placeholder={placeholder}
    maxLength={maxlength}
    onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
  />
);
