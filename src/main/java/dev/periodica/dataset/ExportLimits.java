package dev.periodica.dataset;

/**
 * How far one dataset export may go. Unlike a report series, an export is streamed and never held
 * in memory, so its caps are about the size of what it leaves in storage, not about the heap.
 *
 * @param rowCap rows an export may have; one more fails it rather than cutting it short silently
 * @param maxBytes bytes its file may take
 */
public record ExportLimits(int rowCap, long maxBytes) {
  public ExportLimits {
    if (rowCap < 1 || rowCap == Integer.MAX_VALUE || maxBytes < 1) {
      throw new IllegalArgumentException("export limits should be positive: " + rowCap);
    }
  }
}
