import { render } from 'preact';
import '../shared/styles.css';
import './dashboard.css';
import { Dashboard } from './Dashboard';

const params = new URLSearchParams(location.search);
render(<Dashboard initialSession={params.get('session')} initialView={params.get('view') === 'apps' ? 'apps' : 'sessions'} />, document.getElementById('app')!);
