/** Short values (roles, groups, scopes) as chips under a label; nothing when there are none. */
export function ChipList({ label, items }: { label: string; items?: string[] | undefined }) {
  if (!items || items.length === 0) return null
  return (
    <div className="chip-list" role="group" aria-label={label}>
      <span className="muted">{label}</span>
      <ul>
        {items.map((item) => (
          <li key={item} className="chip" title={item}>
            {item}
          </li>
        ))}
      </ul>
    </div>
  )
}
