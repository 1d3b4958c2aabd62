/** A failed call, shown until dismissed. */
export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss?: () => void }) {
  return (
    <div className="banner banner-error" role="alert">
      <span className="banner-text">{message}</span>
      {onDismiss && (
        <button type="button" className="btn btn-quiet btn-small" onClick={onDismiss} aria-label="Dismiss error">
          Dismiss
        </button>
      )}
    </div>
  );
}
