/** The lab connection for every view: the client, app.info and the live-update state. */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppInfo, LabClient } from '../../shared/contract.js';
import { createTransport, onConnection, type Transport } from './api/client.js';
import type { ConnectionState } from './api/events.js';
import { messageOf } from './api/errors.js';

export interface Lab {
  transport: Transport;
  client: LabClient;
  info: AppInfo | null;
  infoError: string | null;
  connection: ConnectionState;
  /** Increments after a reconnect, when events may have been missed: views refetch. */
  resync: number;
}

const LabContext = createContext<Lab | null>(null);

const transport = createTransport();

export function LabProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [resync, setResync] = useState(0);

  useEffect(() => {
    transport.client.call('app.info', {}).then(setInfo, (e) => setInfoError(messageOf(e)));
    return onConnection(transport, (state, reconnected) => {
      setConnection(state);
      if (reconnected) setResync((n) => n + 1);
    });
  }, []);

  return (
    <LabContext.Provider value={{ transport, client: transport.client, info, infoError, connection, resync }}>
      {children}
    </LabContext.Provider>
  );
}

export function useLab(): Lab {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab outside LabProvider');
  return lab;
}
