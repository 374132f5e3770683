import { act, fireEvent, render } from '@testing-library/react';
import type { PagedList } from '../../hooks/paged-list';
import { languagePreference } from '../../state/preferences';
import DataTable, { filterRows, sortRows, type Column } from '.';

interface Person {
  id: string;
  name: string;
  minutes: number;
}

const people: Person[] = [
  { id: 'p1', name: '王阿姨', minutes: 90 },
  { id: 'p2', name: '李师傅', minutes: 600 },
  { id: 'p3', name: '张大爷', minutes: 30 },
];

const columns: Column<Person>[] = [
  { key: 'name', label: '姓名', value: (person) => person.name, cell: (person) => person.name },
  { key: 'minutes', label: '时长', numeric: true, value: (person) => person.minutes, cell: (person) => person.minutes },
  { key: 'actions', label: '操作', cell: (person) => <button type="button">{`open ${person.id}`}</button> },
];

function aList(items: Person[], overrides: Partial<PagedList<Person>> = {}): PagedList<Person> {
  return {
    items,
    loading: false,
    loadingMore: false,
    error: undefined,
    hasMore: false,
    loadMore: jest.fn(),
    reload: jest.fn(),
    removeWhere: jest.fn(),
    ...overrides,
  };
}

function renderTable(list: PagedList<Person> = aList(people)) {
  return render(
    <DataTable id="people" caption="居民" columns={columns} list={list} rowKey={(person) => person.id} empty="没有" />,
  );
}

const shownNames = (container: HTMLElement) =>
  [...container.querySelectorAll('tbody tr')].map((row) => row.querySelector('td')?.textContent);
const header = (container: HTMLElement, key: string) => container.querySelector(`#people-sort-${key}`)!.closest('th')!;

describe('DataTable', () => {
  beforeEach(() => languagePreference.clear());

  it('is a table with a caption, column headers, and the rows as loaded', () => {
    const { container, getByRole } = renderTable();

    expect(getByRole('table', { name: '居民' })).toBeTruthy();
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['姓名↕', '时长↕', '操作']);
    expect(shownNames(container)).toEqual(['王阿姨', '李师傅', '张大爷']);
    expect(header(container, 'name').getAttribute('aria-sort')).toBe('none');
    expect(container.querySelectorAll('th')[2]!.hasAttribute('aria-sort')).toBe(false);
  });

  it('sorts by a column on a click, reverses on the next, and says so with aria-sort', () => {
    const { container } = renderTable();

    act(() => fireEvent.click(container.querySelector('#people-sort-minutes')!));
    expect(shownNames(container)).toEqual(['张大爷', '王阿姨', '李师傅']);
    expect(header(container, 'minutes').getAttribute('aria-sort')).toBe('ascending');
    expect(header(container, 'name').getAttribute('aria-sort')).toBe('none');

    act(() => fireEvent.click(container.querySelector('#people-sort-minutes')!));
    expect(shownNames(container)).toEqual(['李师傅', '王阿姨', '张大爷']);
    expect(header(container, 'minutes').getAttribute('aria-sort')).toBe('descending');

    act(() => fireEvent.click(container.querySelector('#people-sort-name')!));
    expect(header(container, 'name').getAttribute('aria-sort')).toBe('ascending');
    expect(header(container, 'minutes').getAttribute('aria-sort')).toBe('none');
  });

  it('keeps the rows that match the labelled filter box, and counts them', () => {
    const { container, getByLabelText } = renderTable();

    act(() => fireEvent.change(getByLabelText('筛选'), { target: { value: '师傅' } }));

    expect(shownNames(container)).toEqual(['李师傅']);
    expect(container.querySelector('#people-count')!.textContent).toBe('显示 1 / 3 条');

    act(() => fireEvent.change(getByLabelText('筛选'), { target: { value: '没有这个人' } }));
    expect(shownNames(container)).toEqual([]);
    expect(container.textContent).toContain('已载入的条目中没有符合筛选的');
  });

  it('says the server has more rows and keeps "load more"', () => {
    const list = aList(people, { hasMore: true });
    const { container } = renderTable(list);

    expect(container.querySelector('#people-more-note')!.textContent).toContain('只针对已载入的 3 条');
    act(() => fireEvent.click(container.querySelector('#people-more')!));
    expect(list.loadMore).toHaveBeenCalled();
  });

  it('shows neither the note nor "load more" when every row is loaded', () => {
    const { container } = renderTable();

    expect(container.querySelector('#people-more-note')).toBeNull();
    expect(container.querySelector('#people-more')).toBeNull();
  });

  it('shows the empty state for no rows', () => {
    const { container } = renderTable(aList([]));

    expect(container.querySelector('#people-empty')!.textContent).toContain('没有');
    expect(container.querySelector('table')).toBeNull();
  });
});

describe('sortRows and filterRows', () => {
  it('sort numbers as numbers and keep ties in their order', () => {
    const tied = [...people, { id: 'p4', name: '赵阿姨', minutes: 90 }];
    const byMinutes = columns[1];

    expect(sortRows(tied, byMinutes, 'ascending').map((person) => person.id)).toEqual(['p3', 'p1', 'p4', 'p2']);
    expect(sortRows(tied, byMinutes, 'descending').map((person) => person.id)).toEqual(['p2', 'p1', 'p4', 'p3']);
  });

  it('filter on every word, in any filterable column, ignoring case', () => {
    expect(filterRows(people, columns, '600').map((person) => person.id)).toEqual(['p2']);
    expect(filterRows(people, columns, '  ').map((person) => person.id)).toEqual(['p1', 'p2', 'p3']);
    expect(filterRows(people, columns, 'open').map((person) => person.id)).toEqual([]);
  });
});
