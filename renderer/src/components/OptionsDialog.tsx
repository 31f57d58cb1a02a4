import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiQuery } from '../queries/query-client';
import { deactivationLimitsInputSchema, type DeactivationLimitsInput } from '../../../shared/ipc-contract';
import { errorText, formatCount } from '../format';
import { useApp } from '../store/app-store';
import { closeModal } from '../store/modal-store';
import { GroupBox } from './GroupBox';
import { Modal } from './Modal';
import { SaveCloseButtons } from './SaveCloseButtons';
import {
  DeactivationLimitsGroup,
  limitsDraftOf,
  limitsInputOf,
  type LimitsDraft,
} from './held/DeactivationLimitsGroup';
import { WatchdogOptions } from './WatchdogOptions';
import { parseStallMinutes } from '../../../shared/watchdog-settings';

/**
 * "Opciones": app-wide settings — start at login on this computer, the limits above which deactivations are held
 * (for every company of this settings database) — and what this console is.
 */
export function OptionsDialog() {
  const close = (): void => closeModal('options');
  const version = useApp((s) => s.version);
  const databasePath = useApp((s) => s.databasePath);
  const engine = useApp((s) => s.engine);
  const queryClient = useQueryClient();
  // Read again each time the dialog opens (staleTime 0): Windows may have changed it meanwhile.
  const settingsQuery = useQuery({ ...apiQuery('getDesktopSettings', undefined), staleTime: 0 });
  const saved = settingsQuery.data ?? null;
  // The user's choice; until the first click the box shows what is saved.
  const [choice, setChoice] = useState<boolean | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const openAtLogin = choice ?? saved?.openAtLogin ?? false;
  const readError = settingsQuery.error
    ? { ok: false, text: `No se pudo leer la configuración de inicio: ${errorText(settingsQuery.error)}` }
    : null;

  const limitsQuery = useQuery({ ...apiQuery('getDeactivationLimits', undefined), staleTime: 0 });
  const savedLimits = limitsQuery.data ?? null;
  const [limitsEdit, setLimitsEdit] = useState<LimitsDraft | null>(null);
  const limitsDraft = limitsEdit ?? (savedLimits ? limitsDraftOf(savedLimits) : null);
  const limitsDirty =
    limitsDraft !== null &&
    savedLimits !== null &&
    (limitsDraft.maxCount !== String(savedLimits.maxCount) ||
      limitsDraft.maxSharePct !== String(savedLimits.maxSharePct));
  const [limitsStatus, setLimitsStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [savingLimits, setSavingLimits] = useState(false);
  const limitsShown =
    limitsStatus ??
    (limitsQuery.error
      ? { ok: false, text: `No se pudieron leer los límites de bajas: ${errorText(limitsQuery.error)}` }
      : null);

  const watchdogQuery = useQuery({ ...apiQuery('getWatchdogSettings', undefined), staleTime: 0 });
  const savedStall = watchdogQuery.data?.stallMinutes ?? null;
  const [stallTyped, setStallTyped] = useState<string | null>(null);
  const [watchdogStatus, setWatchdogStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const stallText = stallTyped ?? (savedStall === null ? null : String(savedStall));
  const stallParsed = stallText === null ? null : parseStallMinutes(stallText);
  const stallInvalid = stallTyped !== null && stallParsed === null;
  const stallDirty = stallTyped !== null && stallParsed !== savedStall;
  const watchdogShown =
    watchdogStatus ??
    (watchdogQuery.error ? { ok: false, text: `No se pudo leer la opción: ${errorText(watchdogQuery.error)}` } : null);

  const save = useMutation({
    mutationFn: (input: { openAtLogin: boolean }) => window.api.saveDesktopSettings(input),
    onSuccess: (fresh) => {
      queryClient.setQueryData(apiQuery('getDesktopSettings', undefined).queryKey, fresh);
      setChoice(null);
      setStatus({
        ok: true,
        text: fresh.openAtLogin
          ? 'Wopen Sync Console se iniciará al iniciar sesión.'
          : 'Wopen Sync Console ya no se iniciará al iniciar sesión.',
      });
    },
    onError: (err) => setStatus({ ok: false, text: `No se guardó la opción de inicio: ${errorText(err)}` }),
  });
  const busy = save.isPending || savingLimits;
  const dirty = saved !== null && saved.openAtLogin !== openAtLogin;

  /** Every setting or none: an invalid value stops the whole save before anything is written. */
  const saveAll = async (): Promise<void> => {
    if (stallInvalid) return;
    let limits: DeactivationLimitsInput | null = null;
    if (limitsDirty) {
      const parsed = deactivationLimitsInputSchema.safeParse(limitsInputOf(limitsDraft));
      if (!parsed.success) {
        const problem = parsed.error.issues[0]?.message ?? 'Los límites de bajas no son válidos.';
        setLimitsStatus({ ok: false, text: `No se guardó nada: ${problem}` });
        return;
      }
      limits = parsed.data;
    }
    if (limits) {
      setSavingLimits(true);
      try {
        const fresh = await window.api.saveDeactivationLimits(limits);
        queryClient.setQueryData(apiQuery('getDeactivationLimits', undefined).queryKey, fresh);
        setLimitsEdit(null);
        setLimitsStatus({
          ok: true,
          text: `Se retendrán las bajas de un catálogo cuando sean más de ${formatCount(fresh.maxCount)} registros y más del ${fresh.maxSharePct} % de la tienda.`,
        });
      } catch (err) {
        setLimitsStatus({ ok: false, text: `No se guardaron los límites de bajas: ${errorText(err)}` });
        return;
      } finally {
        setSavingLimits(false);
      }
    }
    if (stallDirty && stallParsed !== null) {
      try {
        const fresh = await window.api.saveWatchdogSettings({ stallMinutes: stallParsed });
        queryClient.setQueryData(apiQuery('getWatchdogSettings', undefined).queryKey, fresh);
        setStallTyped(null);
        setWatchdogStatus({
          ok: true,
          text: `Una sincronización sin avance se detendrá después de ${fresh.stallMinutes} min.`,
        });
      } catch (err) {
        setWatchdogStatus({ ok: false, text: `No se guardó: ${errorText(err)}` });
        return;
      }
    }
    if (dirty) save.mutate({ openAtLogin });
  };
  const shown = status ?? readError;

  const supported = saved?.supported ?? false;

  return (
    <Modal
      title="Opciones de la consola"
      className="options-dialog"
      onClose={close}
      footer={
        <SaveCloseButtons
          canSave={(dirty || limitsDirty || stallDirty) && !stallInvalid && !busy}
          onSave={() => void saveAll()}
          onClose={close}
        />
      }
    >
      <GroupBox title="Inicio">
        <label className={`check-row ${saved && !supported ? 'disabled' : ''}`}>
          <input
            type="checkbox"
            checked={openAtLogin}
            disabled={!saved || !supported || busy}
            onChange={(e) => {
              setChoice(e.target.checked);
              setStatus(null);
            }}
          />
          Iniciar Wopen Sync Console al iniciar sesión
        </label>
        {saved && !supported ? (
          <p className="hint" data-testid="login-item-hint">
            Disponible en Windows.
          </p>
        ) : (
          <p className="hint">Al iniciar sesión en Windows, la consola se abre sola con este usuario.</p>
        )}
        {!saved && !shown && <p className="hint">Leyendo la configuración…</p>}
        {shown && (
          <p
            className={`save-status ${shown.ok ? 'ok' : 'failed'}`}
            role="status"
            data-testid="desktop-settings-status"
          >
            {shown.text}
          </p>
        )}
      </GroupBox>
      <DeactivationLimitsGroup
        draft={limitsDraft}
        disabled={busy}
        status={limitsShown}
        onChange={(d) => {
          setLimitsEdit(d);
          setLimitsStatus(null);
        }}
      />
      <WatchdogOptions
        text={stallText}
        invalid={stallInvalid}
        disabled={busy}
        status={watchdogShown}
        onChange={(t) => {
          setStallTyped(t);
          setWatchdogStatus(null);
        }}
      />
      <GroupBox title="Acerca de">
        <dl className="about-list">
          <dt>Versión</dt>
          <dd data-testid="options-version">{version ? `Wopen Sync Console ${version}` : '—'}</dd>
          <dt>Sincronización</dt>
          <dd>{engine?.message ?? '—'}</dd>
          <dt>Configuración</dt>
          <dd className="path">{databasePath ?? '—'}</dd>
        </dl>
      </GroupBox>
    </Modal>
  );
}
