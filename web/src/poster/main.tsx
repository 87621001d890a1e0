import { render } from 'preact';
import '../shared/styles.css';
import { PosterPage } from './PosterPage';

render(<PosterPage />, document.getElementById('app')!);
