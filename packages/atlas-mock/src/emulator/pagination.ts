import type { Link } from '@org/atlas-types';

/** One page of a list as Atlas returns it. */
export interface Page<T> {
  readonly links: Link[];
  readonly results: T[];
  readonly totalCount: number;
}

/**
 * Page `pageNum` of `items`, `itemsPerPage` to a page, with Atlas's links: this page (`self`) and
 * the ones before and after it when they exist. `url` is the request's, so links keep its query.
 */
export function page<T>(
  items: readonly T[],
  itemsPerPage: number,
  pageNum: number,
  url: URL,
): Page<T> {
  const start = (pageNum - 1) * itemsPerPage;
  const link = (rel: string, number: number): Link => {
    const href = new URL(url);
    href.searchParams.set('pageNum', String(number));
    href.searchParams.set('itemsPerPage', String(itemsPerPage));
    return { href: href.href, rel };
  };
  const links = [link('self', pageNum)];
  if (pageNum > 1) links.unshift(link('previous', pageNum - 1));
  if (start + itemsPerPage < items.length) links.push(link('next', pageNum + 1));
  return { links, results: items.slice(start, start + itemsPerPage), totalCount: items.length };
}
