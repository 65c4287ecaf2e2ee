import { MsezError, hexToBytes, isSha256Hex, toHex } from '../core/index.js';
import { cellBytes, cellKeyString, compareCellKeys, type CellKey, type TensorCell } from './cell.js';
import { LeafHashes, auditPath, leafHash, rootFromLeafHashes, verifyAuditPath } from './merkle.js';

/** The tensor commitment (D11): an RFC 9162 root over the ordered cells. */
export interface TensorCommitment {
  readonly root: string;
  readonly size: number;
}

/** Inclusion proof for one cell: an RFC 9162 audit path (compliance.md §3). */
export interface CellInclusionProof {
  readonly cell: TensorCell;
  readonly leaf_index: number;
  readonly tree_size: number;
  readonly leaf_hash: string;
  readonly path: readonly string[];
  readonly root: string;
}

/**
 * Cells sorted into commitment order; duplicate keys are refused (a key identifies one cell). Input that
 * is already strictly ordered (as a store returns it) is checked in one pass and not re-sorted.
 */
export function orderCells(cells: readonly TensorCell[]): readonly TensorCell[] {
  let ordered = true;
  for (let i = 1; i < cells.length && ordered; i++) ordered = compareCellKeys(cells[i - 1] as TensorCell, cells[i] as TensorCell) < 0;
  if (ordered) return cells;
  const sorted = [...cells].sort(compareCellKeys);
  for (let i = 1; i < sorted.length; i++) {
    if (compareCellKeys(sorted[i - 1] as TensorCell, sorted[i] as TensorCell) === 0) {
      throw new MsezError('VALIDATION_FAILED', `duplicate tensor cell ${cellKeyString(sorted[i] as TensorCell)}`, { key: cellKeyString(sorted[i] as TensorCell) });
    }
  }
  return sorted;
}

function leafHashes(ordered: readonly TensorCell[]): Uint8Array[] {
  return ordered.map((c) => leafHash(cellBytes(c)));
}

/**
 * Commits to a set of cells in any input order. The empty tensor's root is SHA-256("").
 * @example commitTensor([]).root === 'e3b0c442…b855'
 */
export function commitTensor(cells: readonly TensorCell[]): TensorCommitment {
  return commitOrderedCells(orderCells(cells));
}

/** The commitment over cells already in commitment order and unique (e.g. read from an ordered store). */
export function commitOrderedCells(ordered: Iterable<TensorCell>): TensorCommitment {
  const leaves = new LeafHashes();
  for (const c of ordered) leaves.add(cellBytes(c));
  return { root: toHex(leaves.root()), size: leaves.size };
}

/** Builds the inclusion proof of the cell with `key`. @throws NOT_FOUND when the tensor has no such cell. */
export function proveCell(cells: readonly TensorCell[], key: CellKey): CellInclusionProof {
  const ordered = orderCells(cells);
  const index = ordered.findIndex((c) => compareCellKeys(c, key) === 0);
  if (index < 0) throw new MsezError('NOT_FOUND', `no tensor cell ${cellKeyString(key)}`, { key: cellKeyString(key) });
  const leaves = leafHashes(ordered);
  return {
    cell: ordered[index] as TensorCell,
    leaf_index: index,
    tree_size: ordered.length,
    leaf_hash: toHex(leaves[index] as Uint8Array),
    path: auditPath(leaves, index).map(toHex),
    root: toHex(rootFromLeafHashes(leaves)),
  };
}

/**
 * Verifies a cell proof: recomputes the leaf from the cell, then folds the path (RFC 9162 §2.1.3.2).
 * Returns false when the proof does not verify; malformed hex also yields false.
 */
export function verifyCellProof(proof: CellInclusionProof, expectedRoot: string = proof.root): boolean {
  const hexes = [proof.root, expectedRoot, proof.leaf_hash, ...proof.path];
  if (!hexes.every((h) => typeof h === 'string' && isSha256Hex(h))) return false;
  const leaf = leafHash(cellBytes(proof.cell));
  if (toHex(leaf) !== proof.leaf_hash || proof.root !== expectedRoot) return false;
  return verifyAuditPath(leaf, proof.leaf_index, proof.tree_size, proof.path.map(hexToBytes), hexToBytes(expectedRoot));
}
