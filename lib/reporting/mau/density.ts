/**
 * Users of one stream per unit of key position in the counted pieces nearest to an open piece.
 * Ids are handed out in runs, so nearby density predicts the next part's; but runs end (the
 * five-digit ids stop where the six-digit ones begin), so when the nearest piece disagrees
 * clearly with the wider window, the nearest piece alone is trusted.
 */
import type { KeySpace } from './key-space';
import type { Piece } from './month-state';
import type { Density } from './predictor';

/** The density is measured on at least this many counted users when they are there. */
const WINDOW_USERS = 200;
/** How many standard deviations the nearest piece may stray before the window is dropped. */
const BREAK_Z = 2.5;

type Sample = { users: number; width: number };

function measure(piece: Piece, stream: number, space: KeySpace): Sample | null {
  if (piece.kind !== 'done') return null;
  const lo = piece.lo ?? piece.first;
  const hi = piece.hi ?? piece.last;
  if (lo === null || hi === null) return { users: 0, width: 0 };
  return { users: piece.perStream[stream] ?? 0, width: Math.max(0, space.position(hi) - space.position(lo)) };
}

/** The counted pieces nearest to piece `index` (left first), up to about `users` users. */
export function donePiecesNear(pieces: readonly Piece[], index: number, users = WINDOW_USERS): Piece[] {
  const near: Piece[] = [];
  let total = 0;
  for (let step = 1; step < pieces.length && total < users; step++) {
    for (const i of [index - step, index + step]) {
      const piece = pieces[i];
      if (piece?.kind === 'done' && total < users) {
        near.push(piece);
        total += piece.users;
      }
    }
  }
  return near;
}

export function densityNear(pieces: readonly Piece[], index: number, stream: number, space: KeySpace): Density | null {
  // Nearest first: alternate outwards, left before right, skipping open pieces.
  const order: Sample[] = [];
  for (let step = 1; step < pieces.length; step++) {
    for (const i of [index - step, index + step]) {
      const piece = pieces[i];
      const sample = piece && measure(piece, stream, space);
      if (sample && sample.width > 0) order.push(sample);
    }
    if (order.reduce((sum, s) => sum + s.users, 0) >= WINDOW_USERS * 2) break;
  }
  let users = 0;
  let width = 0;
  for (const sample of order) {
    users += sample.users;
    width += sample.width;
    if (users >= WINDOW_USERS) break;
  }
  if (width <= 0 || users === 0) return null;
  const nearest = order[0];
  const expected = (nearest.width * users) / width;
  if (Math.abs(nearest.users - expected) > BREAK_Z * Math.sqrt(Math.max(expected, 1)) && nearest.users > 0) {
    return { perUnit: nearest.users / nearest.width, users: nearest.users };
  }
  return { perUnit: users / width, users };
}
