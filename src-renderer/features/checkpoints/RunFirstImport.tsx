import { navigate } from '../../app/router-store';
import { Button } from '../../ui/Button';
import { Empty } from '../../ui/states';
import { startRun } from '../dashboard/store';

/** The Checkpoints page before any run: the action that fills it, where the user is looking. */
export function RunFirstImport() {
  return (
    <Empty title="No checkpoints yet">
      <p>A checkpoint is written each time export-dedup imports your Claude Code conversations.</p>
      <Button
        variant="primary"
        data-testid="checkpoints-run"
        onClick={() => {
          // The dashboard shows the run's progress; the checkpoint is listed here once it is written.
          navigate({ view: 'dashboard' });
          void startRun();
        }}
      >
        Run export-dedup
      </Button>
    </Empty>
  );
}
