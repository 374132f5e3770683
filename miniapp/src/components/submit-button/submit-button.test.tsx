import { fireEvent, render } from '@testing-library/react';
import SubmitButton from '.';

describe('SubmitButton', () => {
  it('looks like a plain button while idle and dims while its action is on its way', () => {
    const { container, rerender } = render(
      <SubmitButton id="save" busy={false} onClick={() => undefined}>
        保存
      </SubmitButton>,
    );
    expect(container.querySelector('#save')?.className).toBe('button');

    rerender(
      <SubmitButton id="save" busy onClick={() => undefined}>
        保存
      </SubmitButton>,
    );

    expect(container.querySelector('#save')?.className).toBe('button button--busy');
    expect(container.querySelector('#save')?.textContent).toBe('保存');
  });

  it('keeps its own classes and adds the busy look to them', () => {
    const { container } = render(
      <SubmitButton id="reject" busy className="button button--danger" onClick={() => undefined}>
        拒绝
      </SubmitButton>,
    );

    expect(container.querySelector('#reject')?.className).toBe('button button--danger button--busy');
  });

  it('passes every tap to the action, which decides whether to run again', () => {
    const onClick = jest.fn();
    const { container } = render(
      <SubmitButton id="send" busy onClick={onClick}>
        提交
      </SubmitButton>,
    );

    fireEvent.click(container.querySelector('#send') as Element);

    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
