import { render } from 'preact';
import '../shared/styles.css';
import { ReferPage } from './ReferPage';

render(<ReferPage />, document.getElementById('app')!);
