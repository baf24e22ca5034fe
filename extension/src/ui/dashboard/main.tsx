import { render } from 'preact';
import '../shared/styles.css';
import './dashboard.css';
import { Dashboard } from './Dashboard';

render(<Dashboard initialSession={new URLSearchParams(location.search).get('session')} />, document.getElementById('app')!);
