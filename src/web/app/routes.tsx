import { createElement, lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { PAGE_PATHS, type PagePath, type PublicPagePath } from '../../domain/pages';
import { PageSpin, RouteError } from './ErrorPages';

// Every page is its own chunk: the public home and the login page load without
// the authenticated shell or the heavy antd components (Table, DatePicker, ...).
const HomePage = lazy(() => import('../public/HomePage'));
const LoginPage = lazy(() => import('../auth/LoginPage'));
const NoticePage = lazy(() => import('../public/NoticePage'));
const WinnersPage = lazy(() => import('../public/WinnersPage'));
const RevocationsPage = lazy(() => import('../public/RevocationsPage'));
const AppLayout = lazy(() => import('./AppLayout'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));
const WorkbenchPage = lazy(() => import('../workbench/WorkbenchPage'));
const EditionsPage = lazy(() => import('../editions/EditionsPage'));
const EditionDetailPage = lazy(() => import('../editions/EditionDetailPage'));
const OrganisationsPage = lazy(() => import('../organisations/OrganisationsPage'));
const UsersPage = lazy(() => import('../users/UsersPage'));
const AuditPage = lazy(() => import('../audit/AuditPage'));
const AccessLogPage = lazy(() => import('../audit/AccessLogPage'));
const RegisterPage = lazy(() => import('../register/RegisterPage'));
const SurveyPage = lazy(() => import('../survey/SurveyPage'));
const ApplicationsPage = lazy(() => import('../applications/ApplicationsPage'));
const ApplicationPage = lazy(() => import('../applications/ApplicationPage'));
const ReviewListPage = lazy(() => import('../review/ReviewListPage'));
const QualificationMatrixPage = lazy(() => import('../review/QualificationMatrixPage'));
const InboxPage = lazy(() => import('../inbox/InboxPage'));
const CalendarPage = lazy(() => import('../calendar/CalendarPage'));
const AccountPage = lazy(() => import('../account/AccountPage'));
const ExpertWorkPage = lazy(() => import('../expert/ExpertWorkPage'));
const CommitmentPage = lazy(() => import('../expert/CommitmentPage'));
const ScorebookPage = lazy(() => import('../expert/scorebook/ScorebookPage'));
const ExpertsPage = lazy(() => import('../experts/ExpertsPage'));
const TechnicalEditionsPage = lazy(() => import('../technical/TechnicalEditionsPage'));
const TechnicalPage = lazy(() => import('../technical/TechnicalPage'));
const DecisionEditionsPage = lazy(() => import('../decision/DecisionEditionsPage'));
const DecisionPage = lazy(() => import('../decision/DecisionPage'));
const AwardsPage = lazy(() => import('../awards/AwardsPage'));
const CommitteePage = lazy(() => import('../committee/CommitteePage'));
const SupervisionPage = lazy(() => import('../supervision/SupervisionPage'));
const CaseDetailPage = lazy(() => import('../supervision/CaseDetailPage'));

/** Every page of the signed-in area; which roles may open it is domain/pages.ts (guarded in AppLayout). */
const PAGES: Record<PagePath, ComponentType> = {
  '/workbench': WorkbenchPage,
  '/editions': EditionsPage,
  '/editions/:id': EditionDetailPage,
  '/organisations': OrganisationsPage,
  '/users': UsersPage,
  '/audit': AuditPage,
  '/access-log': AccessLogPage,
  '/applications': ApplicationsPage,
  '/applications/:id': ApplicationPage,
  '/review': ReviewListPage,
  '/editions/:id/qualification': QualificationMatrixPage,
  '/inbox': InboxPage,
  '/calendar': CalendarPage,
  '/account': AccountPage,
  '/experts': ExpertsPage,
  '/technical': TechnicalEditionsPage,
  '/technical/:id': TechnicalPage,
  '/expert': ExpertWorkPage,
  '/expert/editions/:id/commitment': CommitmentPage,
  '/scorebooks/:id/:stage': ScorebookPage,
  '/decision': DecisionEditionsPage,
  '/decision/:id': DecisionPage,
  '/awards': AwardsPage,
  '/committee': CommitteePage,
  '/supervision': SupervisionPage,
  '/supervision/:id': CaseDetailPage,
};

/** The public pages (no login), listed in domain/pages.ts. */
const PUBLIC_PAGES: Record<PublicPagePath, LazyExoticComponent<ComponentType>> = {
  '/': HomePage,
  '/notices/:id': NoticePage,
  '/winners': WinnersPage,
  '/survey': SurveyPage,
  '/revocations': RevocationsPage,
};

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
      ...Object.entries(PUBLIC_PAGES).map(([path, Component]) => ({ path, element: page(Component) })),
      { path: '/login', element: page(LoginPage) },
      { path: '/register', element: page(RegisterPage) },
      {
        // Authenticated area: AppLayout redirects to /login on 401 and answers 403 for a page the roles may not use.
        element: page(AppLayout),
        children: PAGE_PATHS.map((path) => ({ path, element: createElement(PAGES[path]) })),
      },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
]);
