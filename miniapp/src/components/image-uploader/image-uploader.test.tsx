import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { useState } from 'react';
import { MAX_IMAGE_BYTES, type ImageView } from '@linli/shared';
import { sessionToken } from '../../state/session';
import { languagePreference } from '../../state/preferences';
import { answerNext, sentRequest } from '../../../test/answers';
import { anImage } from '../../../test/factories';
import ImageUploader from '.';

const UPLOAD = {
  id: 'img_new',
  uploadUrl: 'https://storage.linli.test/img_new?X-Amz-Signature=abc',
  method: 'PUT',
  headers: { 'Content-Type': 'image/jpeg', 'Content-Length': '2048' },
  expiresAt: '2099-01-01T00:00:00.000Z',
};

const fetchDouble = jest.fn();

function aFile(name: string, type: string, bytes = 2048): File {
  const file = new File([new Uint8Array(8)], name, { type });
  Object.defineProperty(file, 'size', { value: bytes });
  return file;
}

/** The uploader inside a form that keeps its value, as a page does. */
function Form({ max = 6, initial = [] as ImageView[], onChange = jest.fn() }) {
  const [images, setImages] = useState(initial);
  return (
    <ImageUploader
      id="photos"
      communityId="demo"
      purpose="product"
      max={max}
      value={images}
      onChange={(next) => {
        setImages(next);
        onChange(next);
      }}
    />
  );
}

const choose = (container: HTMLElement, ...files: File[]) =>
  act(async () => {
    fireEvent.change(container.querySelector('#photos-input')!, { target: { files } });
  });

describe('ImageUploader', () => {
  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
    fetchDouble.mockReset();
    (globalThis as { fetch?: unknown }).fetch = fetchDouble;
  });

  it('offers a real file input for JPEG, PNG and WebP, and a large 添加照片 tile', () => {
    const { container } = render(<Form />);

    const input = container.querySelector<HTMLInputElement>('input.image-uploader__input[type=file]');
    expect(input?.id).toBe('photos-input');
    expect(input?.accept).toBe('image/jpeg,image/png,image/webp');
    expect(input?.multiple).toBe(true);
    expect(container.querySelector('#photos-add')?.textContent).toContain('添加照片');
  });

  it('refuses a 6 MiB photo and a GIF with a message, and calls nothing', async () => {
    const onChange = jest.fn();
    const { container } = render(<Form onChange={onChange} />);

    await choose(container, aFile('big.jpg', 'image/jpeg', 6 * 1024 * 1024));
    expect(container.querySelector('#photos-notice')?.textContent).toBe('照片太大了，每张不能超过 5 MB');

    await choose(container, aFile('funny.gif', 'image/gif'));
    expect(container.querySelector('#photos-notice')?.textContent).toBe('只能上传 JPG、PNG 或 WebP 格式的照片');

    expect(Taro.request).not.toHaveBeenCalled();
    expect(fetchDouble).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
    expect(container.querySelector('.image-uploader__pending')).toBeNull();
  });

  it('asks where to upload, PUTs the bytes with exactly those headers, then completes', async () => {
    const onChange = jest.fn();
    const photo = aFile('porch.jpg', 'image/jpeg', MAX_IMAGE_BYTES);
    answerNext(201, UPLOAD);
    fetchDouble.mockResolvedValueOnce({ status: 200, ok: true });
    answerNext(200, anImage({ id: 'img_new', status: 'checking' }));
    const { container } = render(<Form onChange={onChange} />);

    await choose(container, photo);

    expect(sentRequest(0)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/images',
      method: 'POST',
      data: { purpose: 'product', contentType: 'image/jpeg', bytes: MAX_IMAGE_BYTES },
    });
    expect(fetchDouble).toHaveBeenCalledWith(UPLOAD.uploadUrl, {
      method: 'PUT',
      headers: UPLOAD.headers,
      body: photo,
    });
    expect(sentRequest(1)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/images/img_new/complete',
      method: 'POST',
    });
    expect(onChange).toHaveBeenCalledWith([anImage({ id: 'img_new', status: 'checking' })]);
    expect(container.querySelector<HTMLImageElement>('.image-uploader__thumb')?.src).toBe(
      'https://photos.linli.test/img_new-thumb.jpg',
    );
    expect(container.querySelector('.image-status')?.textContent).toBe('审核中');
  });

  it('shows a failed PUT with 重试, and a retry uploads again', async () => {
    const onChange = jest.fn();
    answerNext(201, UPLOAD);
    fetchDouble.mockResolvedValueOnce({ status: 403, ok: false });
    const { container } = render(<Form onChange={onChange} />);

    await choose(container, aFile('porch.png', 'image/png'));

    expect(container.querySelector('.image-uploader__error')?.textContent).toBe(
      '照片没有传上去，请检查网络后点「重试」',
    );
    expect(Taro.request).toHaveBeenCalledTimes(1);
    expect(onChange).not.toHaveBeenCalled();

    answerNext(201, { ...UPLOAD, id: 'img_again' });
    fetchDouble.mockResolvedValueOnce({ status: 200, ok: true });
    answerNext(200, anImage({ id: 'img_again' }));
    await act(async () => fireEvent.click(container.querySelector('.image-uploader__retry')!));

    expect(sentRequest(2).url).toBe('https://api.linli.test/v1/communities/demo/images/img_again/complete');
    expect(onChange).toHaveBeenCalledWith([anImage({ id: 'img_again' })]);
    expect(container.querySelector('.image-uploader__failed')).toBeNull();
  });

  it('takes no more than max: the tile goes once full, extra choices are named', async () => {
    const onChange = jest.fn();
    const { container } = render(<Form max={2} initial={[anImage({ id: 'img_a' })]} onChange={onChange} />);
    answerNext(201, UPLOAD);
    fetchDouble.mockResolvedValueOnce({ status: 200, ok: true });
    answerNext(200, anImage({ id: 'img_new' }));

    await choose(container, aFile('one.jpg', 'image/jpeg'), aFile('two.webp', 'image/webp'));

    expect(container.querySelector('#photos-notice')?.textContent).toBe('最多 2 张，多选的 1 张没有加上');
    expect(Taro.request).toHaveBeenCalledTimes(2);
    expect(onChange).toHaveBeenLastCalledWith([anImage({ id: 'img_a' }), anImage({ id: 'img_new' })]);
    expect(container.querySelector('#photos-add')).toBeNull();
    expect(container.querySelector('#photos-input')).toBeNull();
  });

  it('removes a photo with its labelled ×, and the tile comes back', () => {
    const onChange = jest.fn();
    const { container } = render(<Form max={1} initial={[anImage({ id: 'img_a' })]} onChange={onChange} />);
    expect(container.querySelector('#photos-add')).toBeNull();

    fireEvent.click(container.querySelector('[aria-label="删除第 1 张照片"]')!);

    expect(onChange).toHaveBeenCalledWith([]);
    expect(container.querySelector('#photos-add')).not.toBeNull();
  });

  describe('in WeChat', () => {
    beforeEach(() => {
      process.env.TARO_ENV = 'weapp';
    });
    afterEach(() => {
      process.env.TARO_ENV = 'h5';
    });

    it('chooses from the album or camera and PUTs the temporary file’s bytes with Taro.request', async () => {
      const bytes = new ArrayBuffer(2048);
      jest.mocked(Taro.chooseImage).mockResolvedValueOnce({
        tempFilePaths: ['wxfile://tmp_porch.jpg'],
        tempFiles: [{ path: 'wxfile://tmp_porch.jpg', size: 2048 }],
        errMsg: 'chooseImage:ok',
      });
      jest
        .mocked(Taro.getFileSystemManager().readFile)
        .mockImplementationOnce((option) => option.success?.({ data: bytes, errMsg: 'readFile:ok' }));
      answerNext(201, UPLOAD);
      answerNext(200, '');
      answerNext(200, anImage({ id: 'img_new' }));
      const onChange = jest.fn();
      const { container } = render(<Form max={3} onChange={onChange} />);

      expect(container.querySelector('#photos-input')).toBeNull();
      await act(async () => fireEvent.click(container.querySelector('#photos-add')!));

      expect(Taro.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 3 }));
      expect(sentRequest(0).data).toEqual({ purpose: 'product', contentType: 'image/jpeg', bytes: 2048 });
      expect(sentRequest(1)).toMatchObject({
        url: UPLOAD.uploadUrl,
        method: 'PUT',
        header: UPLOAD.headers,
        data: bytes,
      });
      expect(fetchDouble).not.toHaveBeenCalled();
      expect(onChange).toHaveBeenCalledWith([anImage({ id: 'img_new' })]);
    });
  });
});
