import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { languagePreference } from '../../state/preferences';
import { anImage } from '../../../test/factories';
import ImageGallery from '.';

const images = [anImage({ id: 'img_a' }), anImage({ id: 'img_b', status: 'under_review' })];
const thumbs = (container: HTMLElement) => [...container.querySelectorAll<HTMLImageElement>('.image-gallery__thumb')];
const full = (container: HTMLElement) => container.querySelector<HTMLImageElement>('.image-gallery__full');

describe('ImageGallery', () => {
  beforeEach(() => languagePreference.clear());

  it('shows lazily loaded thumbnails with alt text, and the review badge', () => {
    const { container } = render(<ImageGallery images={images} subject="手工草帽" />);

    expect(thumbs(container).map((thumb) => [thumb.src, thumb.getAttribute('loading'), thumb.alt])).toEqual([
      ['https://photos.linli.test/img_a-thumb.jpg', 'lazy', '手工草帽，第 1 张，共 2 张'],
      ['https://photos.linli.test/img_b-thumb.jpg', 'lazy', '手工草帽，第 2 张，共 2 张'],
    ]);
    expect(container.querySelector('.image-status')?.textContent).toBe('待人工审核');
    expect(full(container)).toBeNull();
  });

  it('shows nothing without photos', () => {
    const { container } = render(<ImageGallery images={[]} />);

    expect(container.innerHTML).toBe('');
  });

  it('enlarges the tapped photo; 关闭 closes it', () => {
    const { container } = render(<ImageGallery images={images} />);

    fireEvent.click(container.querySelectorAll('.image-gallery__item')[1]!);
    expect(full(container)?.src).toBe('https://photos.linli.test/img_b.jpg');
    expect(full(container)?.alt).toBe('照片，第 2 张，共 2 张');
    expect(container.querySelector('[role=dialog]')).not.toBeNull();

    fireEvent.click(container.querySelector('.image-gallery__close')!);
    expect(full(container)).toBeNull();
  });

  it('steps with the arrow keys and closes on Escape', () => {
    const { container } = render(<ImageGallery images={images} />);
    fireEvent.click(container.querySelector('.image-gallery__item')!);

    act(() => void fireEvent.keyDown(window, { key: 'ArrowRight' }));
    expect(full(container)?.src).toBe('https://photos.linli.test/img_b.jpg');
    act(() => void fireEvent.keyDown(window, { key: 'Escape' }));
    expect(full(container)).toBeNull();
  });

  it('does not pass the tap on to the card around it', () => {
    const onCard = jest.fn();
    const { container } = render(
      <div onClick={onCard}>
        <ImageGallery images={images} />
      </div>,
    );

    fireEvent.click(container.querySelector('.image-gallery__item')!);
    fireEvent.click(container.querySelector('.image-gallery__close')!);

    expect(onCard).not.toHaveBeenCalled();
  });

  it('opens WeChat’s own viewer in the mini-program', () => {
    process.env.TARO_ENV = 'weapp';
    try {
      const { container } = render(<ImageGallery images={images} />);
      fireEvent.click(container.querySelectorAll('.image-gallery__item')[1]!);

      expect(Taro.previewImage).toHaveBeenCalledWith({
        urls: ['https://photos.linli.test/img_a.jpg', 'https://photos.linli.test/img_b.jpg'],
        current: 'https://photos.linli.test/img_b.jpg',
      });
      expect(full(container)).toBeNull();
    } finally {
      process.env.TARO_ENV = 'h5';
    }
  });
});
