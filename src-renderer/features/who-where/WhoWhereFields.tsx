import { TextField } from '../../ui/Field';
import type { WhoWhere } from './who-where';

/**
 * The author and machine boxes, inside the caller's filter row (a `.filters` grid wraps them
 * under each other when the column is narrow). "Contains", any case: "ann" finds Ann Archer.
 */
export function WhoWhereFields({
  value,
  onChange,
}: {
  value: WhoWhere;
  onChange: (patch: Partial<WhoWhere>) => void;
}) {
  return (
    <>
      <TextField
        label="Author"
        type="search"
        value={value.author}
        placeholder="anyone"
        title="Git name or email of whoever made the checkpoint"
        maxLength={200}
        onChange={(author) => onChange({ author })}
      />
      <TextField
        label="Machine"
        type="search"
        value={value.machine}
        placeholder="any machine"
        title="Name of the machine the checkpoint was made on"
        maxLength={200}
        onChange={(machine) => onChange({ machine })}
      />
    </>
  );
}
