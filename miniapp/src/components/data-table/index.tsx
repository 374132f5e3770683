import { useMemo, useState, type ReactNode } from 'react';
import type { PagedList } from '../../hooks/paged-list';
import { describeError, useI18n } from '../../i18n';
import EmptyState from '../empty-state';
import './index.scss';

/** One column: its header, its cell, and the value it sorts and filters by (none: neither). */
export interface Column<Row> {
  key: string;
  label: string;
  cell: (row: Row) => ReactNode;
  value?: (row: Row) => string | number;
  /** Numbers and times line up on the right. */
  numeric?: boolean;
}

export type SortDirection = 'ascending' | 'descending';
export interface Sort {
  key: string;
  direction: SortDirection;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Rows by one column's value (numbers as numbers, text as a Chinese reader orders it); ties keep their order. */
export function sortRows<Row>(rows: readonly Row[], column: Column<Row> | undefined, direction: SortDirection): Row[] {
  const value = column?.value;
  if (!value) return [...rows];
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      const order =
        typeof a.key === 'number' && typeof b.key === 'number'
          ? a.key - b.key
          : collator.compare(String(a.key), String(b.key));
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map(({ row }) => row);
}

/** Rows any of whose filterable columns holds every word of `query` (case does not matter). */
export function filterRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], query: string): Row[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  const searched = columns.flatMap((column) => (column.value ? [column.value] : []));
  return rows.filter((row) => {
    const text = searched.map((value) => String(value(row)).toLowerCase()).join('\n');
    return words.every((word) => text.includes(word));
  });
}

export interface DataTableProps<Row> {
  id: string;
  /** What the table lists, read out as its caption. */
  caption: string;
  columns: readonly Column<Row>[];
  list: PagedList<Row>;
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string;
  empty: string;
  initialSort?: Sort;
  /** Above the table, beside the filter box: bulk actions and the like. */
  toolbar?: ReactNode;
}

/**
 * A paged list as a wide table at a desk (H5 only, so plain HTML): click a column header to sort by it
 * (again to reverse; `aria-sort` says which), type in the filter box to keep matching rows. Sorting and
 * filtering work on the rows loaded; when the server has more, the table says so and offers "load more".
 */
export default function DataTable<Row>(props: DataTableProps<Row>) {
  const { id, caption, columns, list, rowKey, rowClassName, empty, initialSort, toolbar } = props;
  const { t } = useI18n();
  const [sort, setSort] = useState<Sort | undefined>(initialSort);
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const filtered = filterRows(list.items, columns, query);
    const column = columns.find((candidate) => candidate.key === sort?.key);
    return sort ? sortRows(filtered, column, sort.direction) : filtered;
  }, [list.items, columns, query, sort]);
  const toggleSort = (key: string) =>
    setSort((previous) =>
      previous?.key === key && previous.direction === 'ascending'
        ? { key, direction: 'descending' }
        : { key, direction: 'ascending' },
    );

  if (list.loading)
    return (
      <p className="page__status" id={`${id}-loading`}>
        {t('common.loading')}
      </p>
    );
  return (
    <div className="data-table" id={id}>
      <div className="data-table__toolbar">
        {toolbar}
        <FilterBox id={id} query={query} onQuery={setQuery} />
        <span className="data-table__count" id={`${id}-count`} aria-live="polite">
          {t('table.shown', { shown: rows.length, loaded: list.items.length })}
        </span>
      </div>
      {list.hasMore ? (
        <p className="notice data-table__more-note" id={`${id}-more-note`}>
          {t('table.moreOnServer', { loaded: list.items.length })}
        </p>
      ) : null}
      {list.items.length === 0 && !list.error ? (
        <EmptyState id={`${id}-empty`} title={empty} />
      ) : (
        <div className="data-table__scroll">
          <table className="data-table__table">
            <caption className="data-table__caption">{caption}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <HeaderCell key={column.key} id={id} column={column} sort={sort} onSort={toggleSort} />
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)} id={`${id}-row-${rowKey(row)}`} className={rowClassName?.(row)}>
                  {columns.map((column) => (
                    <td key={column.key} className={column.numeric ? 'data-table__numeric' : undefined}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="data-table__no-match">{t('table.noMatch')}</p> : null}
        </div>
      )}
      <TableFooter id={id} list={list} />
    </div>
  );
}

/** The filter box, with its label (`#<id>-filter`). */
function FilterBox({ id, query, onQuery }: { id: string; query: string; onQuery: (query: string) => void }) {
  const { t } = useI18n();
  return (
    <label className="data-table__filter" htmlFor={`${id}-filter`}>
      <span className="data-table__filter-label">{t('table.filter')}</span>
      <input
        id={`${id}-filter`}
        className="data-table__filter-input"
        type="search"
        value={query}
        placeholder={t('table.filterPlaceholder')}
        onChange={(event) => onQuery(event.target.value)}
      />
    </label>
  );
}

/** A column header: a button that sorts when the column has a value, with `aria-sort` on the cell. */
function HeaderCell<Row>({
  id,
  column,
  sort,
  onSort,
}: {
  id: string;
  column: Column<Row>;
  sort: Sort | undefined;
  onSort: (key: string) => void;
}) {
  const className = column.numeric ? 'data-table__numeric' : undefined;
  if (!column.value)
    return (
      <th scope="col" className={className}>
        {column.label}
      </th>
    );
  const direction = sort?.key === column.key ? sort.direction : undefined;
  return (
    <th scope="col" className={className} aria-sort={direction ?? 'none'}>
      <button
        type="button"
        id={`${id}-sort-${column.key}`}
        className="data-table__sort"
        onClick={() => onSort(column.key)}
      >
        {column.label}
        <span className="data-table__arrow" aria-hidden="true">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

/** The list's error with a retry, and "load more" while the server has more (`#<id>-more`, as in PagedListView). */
function TableFooter<Row>({ id, list }: { id: string; list: PagedList<Row> }) {
  const { t } = useI18n();
  return (
    <>
      {list.error ? (
        <div className="card">
          <p className="form-error">{describeError(t, list.error)}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={list.items.length > 0 ? list.loadMore : list.reload}
          >
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      {list.hasMore && !list.error ? (
        <button
          type="button"
          id={`${id}-more`}
          className={list.loadingMore ? 'button button--secondary button--busy' : 'button button--secondary'}
          disabled={list.loadingMore}
          onClick={list.loadMore}
        >
          {list.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      ) : null}
    </>
  );
}
