import { listToDo } from '@/lib/activities/to-do';
import { getOrm } from '@/lib/db/orm';
import { ToDoList } from './components/to-do-list';

/** The signed-in user's To do across the classes they take. */
export async function HomeToDo({ userId }: { userId: string }) {
  const items = await listToDo((await getOrm()).em.fork(), userId, {});
  return <ToDoList items={items} showClass />;
}
