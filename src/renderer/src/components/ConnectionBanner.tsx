/**
 * Browser mode: while the lab server is away (stopped, restarting), a banner says so; the tab
 * keeps retrying and carries on by itself when the server is back (the views refetch on reconnect).
 * A server that answers but refuses the tab (restarted with a new token) is told apart: waiting will not help.
 */
import { useEffect, useState } from 'react';
import { onRefusal } from '../api/client.js';
import { useLab } from '../lab.js';

export function ConnectionBanner() {
  const { connection, transport } = useLab();
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => onRefusal(transport, setRefusal), [transport]);
  if (connection !== 'retrying') return null;
  return (
    <div className="banner banner-interrupted connection-banner" role="status" data-testid="connection-banner" style={{ marginBottom: 16 }}>
      {refusal ? (
        <span className="banner-text">
          <strong>The lab server is back but refuses this tab.</strong> {refusal} Run <code>npm run -s cli -- serve --list</code> to see the
          server&apos;s URL.
        </span>
      ) : (
        <span className="banner-text">
          <strong>Reconnecting to the lab…</strong> The lab server is not answering; this tab carries on by itself when it is back
          (<code>npm run serve</code> starts it).
        </span>
      )}
    </div>
  );
}
