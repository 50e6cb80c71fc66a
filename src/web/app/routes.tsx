import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageSpin, RouteError } from './ErrorPages';

// Every page is its own chunk: the public home and the login page load without
// the authenticated shell or the heavy antd components (Table, DatePicker, ...).
const HomePage = lazy(() => import('../public/HomePage'));
const LoginPage = lazy(() => import('../auth/LoginPage'));
const AppLayout = lazy(() => import('./AppLayout'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));
const WorkbenchPage = lazy(() => import('../workbench/WorkbenchPage'));
const EditionsPage = lazy(() => import('../editions/EditionsPage'));
const EditionDetailPage = lazy(() => import('../editions/EditionDetailPage'));
const OrganisationsPage = lazy(() => import('../organisations/OrganisationsPage'));
const UsersPage = lazy(() => import('../users/UsersPage'));
const AuditPage = lazy(() => import('../audit/AuditPage'));
const RegisterPage = lazy(() => import('../register/RegisterPage'));
const ApplicationsPage = lazy(() => import('../applications/ApplicationsPage'));
const ApplicationPage = lazy(() => import('../applications/ApplicationPage'));
const ReviewListPage = lazy(() => import('../review/ReviewListPage'));
const QualificationMatrixPage = lazy(() => import('../review/QualificationMatrixPage'));
const InboxPage = lazy(() => import('../inbox/InboxPage'));
const CalendarPage = lazy(() => import('../calendar/CalendarPage'));
const AccountPage = lazy(() => import('../account/AccountPage'));

function page(Component: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<PageSpin />}>
      <Component />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: '/', element: page(HomePage) },
      { path: '/login', element: page(LoginPage) },
      { path: '/register', element: page(RegisterPage) },
      {
        // Authenticated area: AppLayout redirects to /login when /api/auth/me answers 401.
        element: page(AppLayout),
        children: [
          { path: '/workbench', element: <WorkbenchPage /> },
          { path: '/editions', element: <EditionsPage /> },
          { path: '/editions/:id', element: <EditionDetailPage /> },
          { path: '/organisations', element: <OrganisationsPage /> },
          { path: '/users', element: <UsersPage /> },
          { path: '/audit', element: <AuditPage /> },
          { path: '/applications', element: <ApplicationsPage /> },
          { path: '/applications/:id', element: <ApplicationPage /> },
          { path: '/review', element: <ReviewListPage /> },
          { path: '/editions/:id/qualification', element: <QualificationMatrixPage /> },
          { path: '/inbox', element: <InboxPage /> },
          { path: '/calendar', element: <CalendarPage /> },
          { path: '/account', element: <AccountPage /> },
        ],
      },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
]);
