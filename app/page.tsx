import { Suspense } from 'react';
import { CreateClassForm } from './classes/create-class-form';
import { MyClasses } from './classes/my-classes';
import { Landing } from './components/landing';
import { LoadingState } from './components/loading-state';
import { HomeToDo } from './home-to-do';
import { JoinClassForm } from './join/join-class-form';
import { currentUser } from './session/current-user';

export default async function HomePage() {
  const user = await currentUser();
  if (!user) return <Landing />;
  return (
    <>
      <h1>My classes</h1>
      <section className="card" aria-labelledby="to-do-title">
        <h2 id="to-do-title">To do</h2>
        <Suspense fallback={<LoadingState>Loading your To do…</LoadingState>}>
          <HomeToDo userId={user.id} />
        </Suspense>
      </section>
      <Suspense fallback={<LoadingState>Loading your classes…</LoadingState>}>
        <MyClasses userId={user.id} />
      </Suspense>
      <div className="two-columns">
        <section className="card" aria-labelledby="create-class-title">
          <h2 id="create-class-title">Create a class</h2>
          <CreateClassForm />
        </section>
        <section className="card" aria-labelledby="join-class-title">
          <h2 id="join-class-title">Join a class</h2>
          <JoinClassForm />
        </section>
      </div>
    </>
  );
}
