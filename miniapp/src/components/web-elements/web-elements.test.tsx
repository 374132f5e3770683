import { fireEvent, render } from '@testing-library/react';
import { Button, Input, Text, View } from '.';
import { Input as TaroInput } from '@tarojs/components';

describe('the browser build’s View, Text and Button', () => {
  it('draws a View as a div with its id, classes, role, aria and data attributes and its click', () => {
    const onClick = jest.fn();
    const { container } = render(
      <View id="row" className="nav-row" role="button" aria-label="消息" data-index="2" onClick={onClick}>
        消息
      </View>,
    );

    const row = container.querySelector('#row')!;
    expect(row.tagName).toBe('DIV');
    expect(row.className).toBe('nav-row');
    expect(row.getAttribute('role')).toBe('button');
    expect(row.getAttribute('aria-label')).toBe('消息');
    expect(row.getAttribute('data-index')).toBe('2');
    fireEvent.click(row);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('leaves the mini-program’s props off the DOM', () => {
    const { container } = render(
      <View id="v" hoverClass="pressed" catchMove animation={{}} onAgreePrivacyAuthorization={() => undefined}>
        x
      </View>,
    );

    const view = container.querySelector('#v')!;
    expect(view.getAttributeNames().sort()).toEqual(['id']);
  });

  it('draws a Text as a span that is not selectable unless asked (as Taro’s)', () => {
    const { container } = render(
      <View>
        <Text id="plain" className="card__hint">
          提示
        </Text>
        <Text id="code" className="hash" userSelect>
          ABCD
        </Text>
      </View>,
    );

    expect(container.querySelector('#plain')!.tagName).toBe('SPAN');
    expect(container.querySelector('#plain')!.className).toBe('web-text card__hint');
    expect(container.querySelector('#code')!.className).toBe('web-text web-text--selectable hash');
    expect(container.querySelector('#code')!.hasAttribute('userselect')).toBe(false);
  });

  it('draws a Button as a real button that submits nothing, with Taro’s look under the app’s class', () => {
    const onClick = jest.fn();
    const { container } = render(
      <Button id="agree" className="button" openType="agreePrivacyAuthorization" onClick={onClick}>
        同意
      </Button>,
    );

    const button = container.querySelector('#agree') as HTMLButtonElement;
    expect(button.tagName).toBe('BUTTON');
    expect(button.type).toBe('button');
    expect(button.className).toBe('web-button button');
    expect(button.hasAttribute('opentype')).toBe(false);
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('does not click a disabled Button', () => {
    const onClick = jest.fn();
    const { container } = render(
      <Button id="off" className="button" disabled onClick={onClick}>
        提交
      </Button>,
    );

    fireEvent.click(container.querySelector('#off')!);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('keeps Taro’s own component for everything else', () => {
    expect(Input).toBe(TaroInput);
  });
});
