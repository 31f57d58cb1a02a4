/** The *Guardar* / *Cerrar* pair at the foot of the console's option dialogs. */
export function SaveCloseButtons({
  canSave,
  onSave,
  onClose,
}: {
  canSave: boolean;
  onSave: () => void;
  onClose: () => void;
}) {
  return (
    <>
      <button type="button" className="default-button" disabled={!canSave} onClick={onSave}>
        Guardar
      </button>
      <button type="button" onClick={onClose}>
        Cerrar
      </button>
    </>
  );
}
