import { useApp } from '../store/app-store';

/** "Wopen Sync Console 0.1.0", as the title bar of a Windows program would say it. */
export function AppVersion() {
  const version = useApp((s) => s.version);
  if (!version) return null;
  return (
    <span className="app-version" data-testid="app-version">
      Wopen Sync Console {version}
    </span>
  );
}
