import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { describeIdentity, type IdentityBlockView } from '../../../shared/company-identity';
import { apiQuery } from '../queries/query-client';
import { closeModal, openModal, showMessage, useModal } from '../store/modal-store';
import { Modal } from './Modal';

/** Blocks are written by whichever process runs the engine, so the page looks again now and then. */
const IDENTITY_REFRESH_MS = 15_000;
const blocksQuery = () => ({ ...apiQuery('listIdentityBlocks', undefined), refetchInterval: IDENTITY_REFRESH_MS });
const blockKey = (b: IdentityBlockView) => `${b.connectionId}/${b.companyId}/${b.blockedAt}`;

/**
 * The identity guard in the console (docs/identity-guard.md): a line per stopped company above the grid, and the
 * prompt «La empresa X ahora es RFC … / archivo …: ¿es la misma empresa?», opened once per block; *No, revisar*
 * closes it and the company stays stopped (the line reopens it).
 */
export function IdentityBanner() {
  const data = useQuery(blocksQuery()).data;
  // Blocks already asked about in this window: *No, revisar* is an answer, not a reason to ask again at once.
  const asked = useRef(new Set<string>());
  const showing = useModal('identity');
  useEffect(() => {
    if (showing || !data) return;
    const next = data.find((b) => !asked.current.has(blockKey(b)));
    if (!next) return;
    asked.current.add(blockKey(next));
    openModal('identity', next);
  }, [data, showing]);
  const blocks = data ?? [];
  if (blocks.length === 0) return null;
  return (
    <div role="alert">
      {blocks.map((b) => (
        <p key={blockKey(b)} className="banner warning">
          Sincronización detenida: «{b.companyName}» parece otra empresa ({b.reasons.join('; ')}).{' '}
          <button type="button" onClick={() => openModal('identity', b)}>
            Revisar…
          </button>
        </p>
      ))}
    </div>
  );
}

export function IdentityPrompt() {
  const block = useModal('identity');
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  if (!block) return null;
  const close = (): void => closeModal('identity');
  const confirm = async () => {
    setBusy(true);
    try {
      await window.api.confirmIdentity({ connectionId: block.connectionId, companyId: block.companyId });
      close();
      await queries.invalidateQueries({ queryKey: ['listIdentityBlocks'] });
    } catch (err) {
      showMessage('error', [err instanceof Error ? err.message : String(err)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Identidad de la empresa"
      role="alertdialog"
      className="message-box"
      onClose={close}
      footer={
        <>
          <button type="button" disabled={busy} onClick={() => void confirm()}>
            Sí, es la misma
          </button>
          {/* The safe answer is the default one: the company stays stopped until someone checks. */}
          <button type="button" className="default-button" data-autofocus onClick={close}>
            No, revisar
          </button>
        </>
      }
    >
      <div className="message-box-content message-error">
        <span className="message-icon" aria-hidden="true">
          !
        </span>
        <div>
          <p>
            <strong>{block.question}</strong>
          </p>
          <p>La sincronización de esta empresa está detenida: no se envía ni se importa nada.</p>
          <p>Antes: {describeIdentity(block.recorded)}</p>
          <p>Ahora: {describeIdentity(block.seen)}</p>
          <p>Motivo: {block.reasons.join('; ')}.</p>
          <p>
            Si se restauró un respaldo de esta misma empresa, elija «Sí, es la misma». Si es otra empresa, una copia de
            prueba o el archivo equivocado, elija «No, revisar», corrija la conexión en el ERP y vuelva a abrir este
            aviso.
          </p>
        </div>
      </div>
    </Modal>
  );
}
