import { render } from 'preact';
import '../shared/styles.css';
import './popup.css';
import { Popup } from './Popup';
import { resolveTabId } from './tab';

render(<Popup tabId={resolveTabId()} />, document.getElementById('app')!);
