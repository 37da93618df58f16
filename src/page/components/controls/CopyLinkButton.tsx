import { useState } from 'react';
import { useApp } from '../../state/store';

/** Copies the address, which holds the whole setup (see shareUrl.ts); shows it too, for copying by hand. */
export function CopyLinkButton() {
  const ready = useApp((s) => s.config !== null);
  const [shown, setShown] = useState<{ url: string; copied: boolean } | null>(null);

  const copy = async () => {
    const url = location.href;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // no clipboard access: the field below holds it
    }
    setShown({ url, copied });
  };

  return (
    <span className="copy-link">
      <button type="button" disabled={!ready} onClick={() => void copy()} title="A link that opens ganvas with this model, data, seed and learning rates">
        Copy link
      </button>
      {shown && (
        <>
          <input aria-label="Link to this setup" readOnly value={shown.url} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
          <span role="status" className="muted small">
            {shown.copied ? 'Copied.' : 'Copy it from the field.'}
          </span>
        </>
      )}
    </span>
  );
}
