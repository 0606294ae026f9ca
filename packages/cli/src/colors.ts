import picocolors from 'picocolors';
import type { Env } from './io.js';

/** The styles the output uses; each is the identity when colour is off. */
export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
}

/** Colour only on a terminal, never with `NO_COLOR` set (no-color.org) or on a dumb terminal. */
export function colorEnabled(isTTY: boolean, env: Env): boolean {
  return isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
}

/** Styles for one stream. */
export function stylesFor(isTTY: boolean, env: Env): Styles {
  // note: picocolors' own detection reads process.env and argv; the decision is ours, per stream.
  const colors = picocolors.createColors(colorEnabled(isTTY, env));
  return {
    bold: colors.bold,
    dim: colors.dim,
    green: colors.green,
    yellow: colors.yellow,
    red: colors.red,
  };
}
