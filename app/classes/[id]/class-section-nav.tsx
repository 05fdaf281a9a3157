/** The class page's sections, as links to them (they are long on a big class). */
export function ClassSectionNav({ showSettings }: { showSettings: boolean }) {
  const sections = [
    { href: '#activities', label: 'Activities' },
    { href: '#conversations', label: 'Conversations' },
    { href: '#people', label: 'People' },
    ...(showSettings ? [{ href: '#settings', label: 'Settings' }] : []),
  ];
  return (
    <nav aria-label="Class sections" className="section-nav">
      <ul>
        {sections.map((section) => (
          <li key={section.href}>
            <a href={section.href}>{section.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
